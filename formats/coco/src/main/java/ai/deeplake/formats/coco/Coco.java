package ai.deeplake.formats.coco;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A COCO detection split (instances, and captions when there are some): one row per image with
 * {@value CocoColumns#COCO_IMAGE_ID}, {@value CocoColumns#IMAGE} (the file's bytes),
 * {@value CocoColumns#MASK} (a PNG of the category id per pixel, drawn from the polygons and RLEs),
 * {@value CocoColumns#WIDTH}, {@value CocoColumns#HEIGHT}, {@value CocoColumns#FILENAME},
 * {@value CocoColumns#CAPTIONS}, {@value CocoColumns#ANNOTATIONS}, {@value CocoColumns#CATEGORIES} and
 * {@value CocoColumns#NUM_OBJECTS}, in the order of the instances file's {@code images}.
 *
 * <pre>{@code
 * Format coco = Coco.builder(Path.of("coco/val2017")).captionsJson(false).maxImages(10).build();
 * client.ingest("coco_val", IngestOptions.builder().format(coco).build());
 * }</pre>
 *
 * <p>The annotation files are found from the images folder's name (the split): for
 * {@code coco/val2017}, {@code instances_val2017.json} and {@code captions_val2017.json} in the
 * annotations folder, by default {@code coco/annotations}. The instances file is read and checked
 * whole first (a malformed element fails the ingest before any row, naming the file and the element);
 * image files are read batch by batch.
 */
public final class Coco implements Format {
    private static final Logger LOG = LoggerFactory.getLogger(Coco.class);

    static final Schema SCHEMA = Schema.builder()
            .add(CocoColumns.COCO_IMAGE_ID, ColumnType.INT64)
            .add(CocoColumns.IMAGE, ColumnType.IMAGE)
            .add(CocoColumns.MASK, ColumnType.SEGMENT_MASK)
            .add(CocoColumns.WIDTH, ColumnType.INT32)
            .add(CocoColumns.HEIGHT, ColumnType.INT32)
            .add(CocoColumns.FILENAME, ColumnType.TEXT)
            .add(CocoColumns.CAPTIONS, ColumnType.JSON)
            .add(CocoColumns.ANNOTATIONS, ColumnType.JSON)
            .add(CocoColumns.CATEGORIES, ColumnType.JSON)
            .add(CocoColumns.NUM_OBJECTS, ColumnType.INT32)
            .build();

    private final Path imagesDir;
    private final Path instancesJson;
    private final Path captionsJson;
    private final int batchSize;
    private final int maxImages;
    private final boolean skipMissingImages;

    private Coco(Builder b) {
        this.imagesDir = b.imagesDir;
        Path annotationsDir = b.annotationsDir != null ? b.annotationsDir : b.imagesDir.toAbsolutePath().resolveSibling("annotations");
        String split = b.imagesDir.toAbsolutePath().normalize().getFileName().toString();
        this.instancesJson = b.instancesJson != null ? b.instancesJson : annotationsDir.resolve("instances_" + split + ".json");
        Path defaultCaptions = annotationsDir.resolve("captions_" + split + ".json");
        this.captionsJson = !b.captions ? null
                : b.captionsJson != null ? b.captionsJson
                : Files.isRegularFile(defaultCaptions) ? defaultCaptions : null;
        this.batchSize = b.batchSize;
        this.maxImages = b.maxImages;
        this.skipMissingImages = b.skipMissingImages;
    }

    /** @param imagesDir the folder of the split's images, e.g. {@code coco/val2017} */
    public static Builder builder(Path imagesDir) {
        return new Builder(imagesDir);
    }

    /** @return the instances file read: the one given, or the one found from the split name */
    public Path instancesJson() {
        return instancesJson;
    }

    /** @return the captions file read, empty when captions are off or the split has none */
    public Optional<Path> captionsJson() {
        return Optional.ofNullable(captionsJson);
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
        if (!Files.isDirectory(imagesDir)) {
            throw new IngestError("COCO images folder not found: " + imagesDir);
        }
        if (!Files.isRegularFile(instancesJson)) {
            throw new IngestError("COCO instances file not found: " + instancesJson + " (pass instancesJson(...) or annotationsDir(...))");
        }
        InstancesFile instances = InstancesFile.read(instancesJson);
        CaptionsFile captions = captionsJson == null ? CaptionsFile.none() : CaptionsFile.read(captionsJson);
        String categories = instances.categories().json();
        List<CocoImage> images = new ArrayList<>(batchSize);
        List<byte[]> bytes = new ArrayList<>(batchSize);
        int rows = 0;
        int skipped = 0;
        for (CocoImage image : instances.images()) {
            if (rows == maxImages) {
                break;
            }
            Path file = imagesDir.resolve(image.fileName());
            Optional<byte[]> read = CocoImage.read(file);
            if (read.isEmpty()) {
                if (!skipMissingImages) {
                    throw new IngestError("File not found: " + file + " (image id " + image.id() + " of " + instancesJson + ")");
                }
                skipped++;
                continue;
            }
            images.add(image);
            bytes.add(read.get());
            rows++;
            if (images.size() == batchSize) {
                out.accept(batch(images, bytes, instances, captions, categories));
                images.clear();
                bytes.clear();
            }
        }
        if (!images.isEmpty()) {
            out.accept(batch(images, bytes, instances, captions, categories));
        }
        if (skipped > 0) {
            LOG.warn("Skipped {} images of {} missing from {}", skipped, instancesJson, imagesDir);
        }
    }

    private static Batch batch(List<CocoImage> images, List<byte[]> bytes, InstancesFile instances, CaptionsFile captions,
            String categories) {
        int n = images.size();
        byte[][] masks = new byte[n][];
        String[] captionLists = new String[n];
        String[] annotationLists = new String[n];
        long[] counts = new long[n];
        long maxCategory = instances.categories().maxId();
        for (int i = 0; i < n; i++) {
            CocoImage image = images.get(i);
            List<Instance> annotations = instances.annotations(image.id());
            masks[i] = MaskPainter.png(image.width(), image.height(), annotations, maxCategory);
            captionLists[i] = captions.json(image.id());
            annotationLists[i] = "[" + String.join(",", annotations.stream().map(Instance::json).toList()) + "]";
            counts[i] = annotations.size();
        }
        Map<String, Object> columns = new HashMap<>();
        CocoImage.columns(columns, images, bytes.toArray(byte[][]::new), categories);
        columns.put(CocoColumns.MASK, masks);
        columns.put(CocoColumns.CAPTIONS, captionLists);
        columns.put(CocoColumns.ANNOTATIONS, annotationLists);
        columns.put(CocoColumns.NUM_OBJECTS, counts);
        return CocoColumns.batch(SCHEMA, columns);
    }

    /** Options of a {@link Coco} split; only the images folder is required. */
    public static final class Builder {
        private final Path imagesDir;
        private Path annotationsDir;
        private Path instancesJson;
        private Path captionsJson;
        private boolean captions = true;
        private int batchSize = CocoColumns.DEFAULT_BATCH_SIZE;
        private int maxImages = Integer.MAX_VALUE;
        private boolean skipMissingImages;

        private Builder(Path imagesDir) {
            if (imagesDir == null) {
                throw new IllegalArgumentException("imagesDir must not be null");
            }
            this.imagesDir = imagesDir;
        }

        /** The folder of the annotation files; default: {@code annotations} next to the images folder. */
        public Builder annotationsDir(Path dir) {
            this.annotationsDir = dir;
            return this;
        }

        /** The instances file; default: {@code instances_<split>.json} in the annotations folder. */
        public Builder instancesJson(Path file) {
            this.instancesJson = file;
            return this;
        }

        /** The captions file (which must then exist); default: {@code captions_<split>.json} in the annotations folder, when there. */
        public Builder captionsJson(Path file) {
            this.captionsJson = file;
            this.captions = true;
            return this;
        }

        /** {@code false}: no captions are read and every row's captions are {@code []}. */
        public Builder captionsJson(boolean read) {
            this.captions = read;
            return this;
        }

        /** Rows per batch (default 100): the images of one batch are in memory together. */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1, not " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /** Stops after this many rows (images), in the instances file's order; default: all. */
        public Builder maxImages(int images) {
            if (images < 0) {
                throw new IllegalArgumentException("maxImages must not be negative, not " + images);
            }
            this.maxImages = images;
            return this;
        }

        /** {@code true}: images missing on disk are skipped (with a warning) instead of failing the ingest. */
        public Builder skipMissingImages(boolean skip) {
            this.skipMissingImages = skip;
            return this;
        }

        public Coco build() {
            return new Coco(this);
        }
    }
}
