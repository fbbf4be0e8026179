package com.example.deeplake;

import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import java.nio.file.Path;
import java.util.Map;
import org.pf4j.Extension;

/** Lets users pick the format by id: {@code deeplake ingest pets --format image-csv labels.csv}. */
@Extension
public final class ImageCsvFormatFactory implements FormatFactory {
    @Override
    public String id() {
        return "image-csv";
    }

    @Override
    public String description() {
        return "a CSV of image paths and labels; option path=<the CSV file>";
    }

    @Override
    public Format create(Map<String, String> options) {
        String path = options.get("path");
        if (path == null) {
            throw new IngestError("format image-csv needs the option path=<CSV file>");
        }
        return new ImageCsvFormat(Path.of(path));
    }
}
