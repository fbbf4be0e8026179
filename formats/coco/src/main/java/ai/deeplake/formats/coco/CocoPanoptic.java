package ai.deeplake.formats.coco;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A COCO panoptic split: one row per image with {@value CocoColumns#COCO_IMAGE_ID},
 * {@value CocoColumns#IMAGE} (the file's bytes), {@value CocoColumns#MASK} (the panoptic PNG's bytes,
 * as stored), {@value CocoColumns#WIDTH}, {@value CocoColumns#HEIGHT}, {@value CocoColumns#FILENAME},
 * {@value CocoColumns#MASK_FILENAME}, {@value CocoColumns#SEGMENTS_INFO} and
 * {@value CocoColumns#CATEGORIES}, in the order of the annotations file's {@code images}.
 *
 * <p>Every image must have its annotation (with {@code file_name} and {@code segments_info}) and both
 * its files on disk; whatever is missing or malformed fails the ingest naming the file and the id.
 */
public final class CocoPanoptic implements Format {
    static final Schema SCHEMA = Schema.builder()
            .add(CocoColumns.COCO_IMAGE_ID, ColumnType.INT64)
            .add(CocoColumns.IMAGE, ColumnType.IMAGE)
            .add(CocoColumns.MASK, ColumnType.SEGMENT_MASK)
            .add(CocoColumns.WIDTH, ColumnType.INT32)
            .add(CocoColumns.HEIGHT, ColumnType.INT32)
            .add(CocoColumns.FILENAME, ColumnType.TEXT)
            .add(CocoColumns.MASK_FILENAME, ColumnType.TEXT)
            .add(CocoColumns.SEGMENTS_INFO, ColumnType.JSON)
            .add(CocoColumns.CATEGORIES, ColumnType.JSON)
            .build();

    private final Path imagesDir;
    private final Path masksDir;
    private final Path annotations;
    private final int batchSize;

    /** The panoptic annotation of one image: its PNG's name and its segments_info as JSON. */
    private record Segments(String maskFile, String json) {}

    /** With batches of 100 rows. */
    public CocoPanoptic(Path imagesDir, Path masksDir, Path annotations) {
        this(imagesDir, masksDir, annotations, CocoColumns.DEFAULT_BATCH_SIZE);
    }

    /**
     * @param imagesDir the folder of the images, e.g. {@code coco/val2017}
     * @param masksDir the folder of the panoptic PNGs, e.g. {@code coco/annotations/panoptic_val2017}
     * @param annotations the panoptic JSON, e.g. {@code coco/annotations/panoptic_val2017.json}
     * @param batchSize rows per batch: the images and masks of one batch are in memory together
     */
    public CocoPanoptic(Path imagesDir, Path masksDir, Path annotations, int batchSize) {
        if (imagesDir == null || masksDir == null || annotations == null) {
            throw new IllegalArgumentException("imagesDir, masksDir and annotations are required");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, not " + batchSize);
        }
        this.imagesDir = imagesDir;
        this.masksDir = masksDir;
        this.annotations = annotations;
        this.batchSize = batchSize;
    }

    @Override
    public Optional<Schema> schema() {
        return Optional.of(SCHEMA);
    }

    @Override
    public List<String> imageColumns() {
        return List.of(CocoColumns.IMAGE);
    }

    @Override
    public void normalize(Consumer<Batch> out) throws IOException {
        for (Path dir : List.of(imagesDir, masksDir)) {
            if (!Files.isDirectory(dir)) {
                throw new IngestError("COCO panoptic folder not found: " + dir);
            }
        }
        List<CocoImage> images = new ArrayList<>();
        Map<Long, Segments> segments = new HashMap<>();
        Categories categories = new Categories();
        List<long[]> segmentCategories = new ArrayList<>();
        CocoJson.read(annotations, Map.of(
                "images", e -> images.add(CocoImage.parse(e)),
                "annotations", e -> {
                    long imageId = CocoJson.integer(e, "image_id");
                    String maskFile = CocoJson.text(e, "file_name");
                    JsonNode info = CocoJson.list(e, "segments_info");
                    for (JsonNode segment : info) {
                        segmentCategories.add(new long[] {imageId, CocoJson.integer(segment, "category_id")});
                    }
                    if (segments.put(imageId, new Segments(maskFile, CocoJson.write(info))) != null) {
                        throw new BadJson("image_id " + imageId + " has a second annotation");
                    }
                },
                "categories", categories), Set.of("images", "annotations", "categories"));
        for (long[] imageCategory : segmentCategories) {
            if (!categories.has(imageCategory[1])) {
                throw new IngestError(annotations + ": the annotation of image_id " + imageCategory[0] + " has a segment of category_id "
                        + imageCategory[1] + ", which is not in \"categories\"");
            }
        }
        String categoryJson = categories.json();
        List<CocoImage> batch = new ArrayList<>(batchSize);
        for (CocoImage image : images) {
            if (!segments.containsKey(image.id())) {
                throw new IngestError(annotations + ": image id " + image.id() + " (" + image.fileName() + ") has no panoptic annotation");
            }
            batch.add(image);
            if (batch.size() == batchSize) {
                out.accept(batch(batch, segments, categoryJson));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            out.accept(batch(batch, segments, categoryJson));
        }
    }

    private Batch batch(List<CocoImage> images, Map<Long, Segments> segments, String categories) {
        int n = images.size();
        byte[][] bytes = new byte[n][];
        byte[][] masks = new byte[n][];
        String[] maskNames = new String[n];
        String[] infos = new String[n];
        for (int i = 0; i < n; i++) {
            CocoImage image = images.get(i);
            Segments s = segments.get(image.id());
            bytes[i] = file(imagesDir.resolve(image.fileName()), image);
            masks[i] = file(masksDir.resolve(s.maskFile()), image);
            maskNames[i] = s.maskFile();
            infos[i] = s.json();
        }
        Map<String, Object> columns = new HashMap<>();
        CocoImage.columns(columns, images, bytes, categories);
        columns.put(CocoColumns.MASK, masks);
        columns.put(CocoColumns.MASK_FILENAME, maskNames);
        columns.put(CocoColumns.SEGMENTS_INFO, infos);
        return CocoColumns.batch(SCHEMA, columns);
    }

    private byte[] file(Path file, CocoImage image) {
        return CocoImage.read(file).orElseThrow(
                () -> new IngestError("File not found: " + file + " (image id " + image.id() + " of " + annotations + ")"));
    }
}
