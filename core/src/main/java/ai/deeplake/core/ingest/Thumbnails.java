package ai.deeplake.core.ingest;

import ai.deeplake.IngestOptions;
import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Schema;
import ai.deeplake.core.Backend;
import ai.deeplake.core.TableWriter;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the thumbnails of an ingest's image columns: JPEG (quality 85) at 32, 64, 128 and 256 px
 * boxes, aspect kept and never enlarged, into the workspace's {@code thumbnails} table (file_id = the
 * source row's {@code _id}, column_name, dimension such as {@code "64x64"}, content). Images are
 * decoded on the ingest's worker threads a batch at a time. A thumbnail that cannot be made is
 * logged as a warning and never fails the ingest.
 */
final class Thumbnails {
    static final String TABLE = "thumbnails";
    static final int[] SIZES = {32, 64, 128, 256};
    static final Schema SCHEMA = Schema.builder().add("file_id", ColumnType.TEXT).add("column_name", ColumnType.TEXT)
            .add("dimension", ColumnType.TEXT).add("content", ColumnType.IMAGE).build();
    private static final Logger LOG = LoggerFactory.getLogger(Thumbnails.class);
    private static final float QUALITY = 0.85f;

    private final Backend backend;
    private final List<String> columns;
    private final ExecutorService workers;
    private TableWriter writer;
    private IngestSink sink;

    /**
     * @param columns the IMAGE columns to make thumbnails of
     * @param threads how many images are decoded and encoded at once
     */
    private Thumbnails(Backend backend, List<String> columns, int threads) {
        this.backend = backend;
        this.columns = List.copyOf(columns);
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "deeplake-thumbnails");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return thumbnails for the image columns of an ingest into {@code table}, when it has any */
    static Optional<Thumbnails> forIngest(Backend backend, String table, List<String> imageColumns, int threads) {
        if (imageColumns.isEmpty() || table.equalsIgnoreCase(TABLE)) {
            return Optional.empty();
        }
        return Optional.of(new Thumbnails(backend, imageColumns, threads));
    }

    /** Makes the thumbnails of rows {@code [from, to)} of a batch whose first row got number {@code firstRow}. */
    void add(Batch batch, int from, int to, long firstRow, TableWriter source) {
        List<Callable<List<Thumbnail>>> tasks = new ArrayList<>();
        for (String column : columns) {
            if (!batch.has(column)) {
                continue;
            }
            byte[][] images = batch.bytes(column);
            for (int row = from; row < to; row++) {
                byte[] image = images[row];
                if (image != null) {
                    String rowId = source.rowId(firstRow + row - from);
                    tasks.add(() -> make(rowId, column, image));
                }
            }
        }
        if (tasks.isEmpty()) {
            return;
        }
        List<Thumbnail> made = new ArrayList<>();
        try {
            for (Future<List<Thumbnail>> f : workers.invokeAll(tasks)) {
                made.addAll(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ai.deeplake.api.IngestError("Ingest interrupted while making thumbnails", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("thumbnail task failed although it reports its own failures", e.getCause());
        }
        write(made);
    }

    private record Thumbnail(String rowId, String column, String dimension, byte[] jpeg) {}

    /** @return the four thumbnails of one image, or none (with a warning) when it cannot be decoded */
    private static List<Thumbnail> make(String rowId, String column, byte[] image) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(image));
            if (source == null) {
                LOG.warn("No thumbnails for row {} column '{}': no image reader recognises its {} bytes", rowId, column, image.length);
                return List.of();
            }
            List<Thumbnail> out = new ArrayList<>(SIZES.length);
            for (int size : SIZES) {
                out.add(new Thumbnail(rowId, column, size + "x" + size, jpeg(scaled(source, size))));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            LOG.warn("No thumbnails for row {} column '{}': {}", rowId, column, e.toString());
            return List.of();
        }
    }

    /** @return the image fitted into a size x size box, aspect kept, never enlarged, on white (JPEG has no alpha) */
    static BufferedImage scaled(BufferedImage source, int size) {
        double scale = Math.min(1.0, Math.min((double) size / source.getWidth(), (double) size / source.getHeight()));
        int w = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage current = source;
        // Halving first keeps bilinear filtering from skipping pixels on large reductions.
        while (current.getWidth() / 2 >= w && current.getHeight() / 2 >= h) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return draw(current, w, h);
    }

    private static BufferedImage draw(BufferedImage source, int w, int h) {
        BufferedImage target = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private void write(List<Thumbnail> made) {
        if (made.isEmpty()) {
            return;
        }
        int n = made.size();
        String[] ids = new String[n];
        String[] cols = new String[n];
        String[] dims = new String[n];
        byte[][] content = new byte[n][];
        for (int i = 0; i < n; i++) {
            Thumbnail t = made.get(i);
            ids[i] = t.rowId();
            cols[i] = t.column();
            dims[i] = t.dimension();
            content[i] = t.jpeg();
        }
        if (writer == null) {
            writer = backend.openWriter(TABLE, SCHEMA);
            sink = new IngestSink(writer, SCHEMA, IngestOptions.defaults().onProgress(), -1, Optional.empty());
        }
        sink.accept(Batch.builder().column("file_id", ids).column("column_name", cols).column("dimension", dims)
                .column("content", content).build());
    }

    /** Commits the thumbnails made. */
    void finish() {
        if (sink != null) {
            sink.finish();
        }
    }

    /** Removes the thumbnails this ingest made. */
    void abort() {
        if (writer != null) {
            writer.abort();
        }
    }

    void close() {
        workers.shutdownNow();
        if (writer != null) {
            writer.close();
        }
    }
}
