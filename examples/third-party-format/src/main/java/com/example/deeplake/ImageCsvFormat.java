package com.example.deeplake;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A CSV of image paths and labels ({@code path,label} per line, paths relative to the CSV), read as
 * rows of image (IMAGE bytes), label and filename; thumbnails come for free because the schema
 * declares the image column as IMAGE.
 */
public final class ImageCsvFormat implements Format {
    private static final int BATCH = 100;
    private final Path csv;

    public ImageCsvFormat(Path csv) {
        this.csv = csv;
    }

    @Override
    public Optional<Schema> schema() {
        return Optional.of(Schema.builder().add("image", ColumnType.IMAGE).add("label", ColumnType.TEXT)
                .add("filename", ColumnType.TEXT).build());
    }

    @Override
    public void normalize(Consumer<Batch> out) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader lines = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && line.startsWith("path,"))) {
                    continue;
                }
                String[] fields = line.split(",", 2);
                if (fields.length != 2) {
                    throw new IngestError(csv + " line " + number + ": expected path,label");
                }
                rows.add(fields);
                if (rows.size() == BATCH) {
                    out.accept(batch(rows));
                    rows.clear();
                }
            }
        }
        if (!rows.isEmpty()) {
            out.accept(batch(rows));
        }
    }

    private Batch batch(List<String[]> rows) throws IOException {
        byte[][] images = new byte[rows.size()][];
        String[] labels = new String[rows.size()];
        String[] names = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Path image = csv.resolveSibling(rows.get(i)[0].trim());
            if (!Files.isRegularFile(image)) {
                throw new IngestError("File not found: " + image + " (listed in " + csv + ")");
            }
            images[i] = Files.readAllBytes(image);
            labels[i] = rows.get(i)[1].trim();
            names[i] = image.getFileName().toString();
        }
        return Batch.builder().column("image", images).column("label", labels).column("filename", names).build();
    }
}
