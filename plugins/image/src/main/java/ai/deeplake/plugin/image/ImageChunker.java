package ai.deeplake.plugin.image;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Chunker;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import ai.deeplake.api.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.pf4j.Extension;

/**
 * The image {@link Chunker}: one row per file, holding the file's original bytes in {@value #IMAGE}
 * (IMAGE), unchanged, and its name in {@value #FILENAME}. The engine makes thumbnails of
 * {@value #IMAGE} ({@link #imageColumns()}).
 *
 * <p>{@value #TEXT} is always null: this plugin does no captioning and no OCR. The column is there
 * because the seed's image rows have it, so a table of images has the same columns whichever SDK
 * filled it.
 *
 * <p>Before the row is handed out the bytes are decoded once, to prove they are an image: an empty
 * file, bytes no reader recognises and an image its reader fails on (a PNG cut short, for instance)
 * raise {@link IngestError} naming the file and the cause. The reader is chosen by the bytes, not the
 * extension, so a PNG named {@code .jpg} is accepted. The readers are the JDK's (JPEG, PNG, GIF, BMP)
 * and TwelveMonkeys' (WebP, still or animated, and JPEG, which reads CMYK and YCCK files the JDK's
 * reader rejects or leaves in CMYK). Of an animation only the first frame is decoded. The readers
 * decide what is broken: one that only warns has the image accepted, as with a JPEG that ends before
 * its end-of-image marker (browsers show such a file too, blank where data is missing).
 *
 * <p>The row holds the whole file, so the file is read whole into memory. The check holds one decoded
 * image and drops it when done; an image of more than 16 million pixels is decoded subsampled to about
 * that many (64 MB at 4 bytes a pixel), which still finds broken data in every format but BMP. The
 * instance keeps no state, so one serves every worker thread.
 */
@Extension
public final class ImageChunker implements Chunker {
    /** The column holding the file's bytes, unchanged. */
    public static final String IMAGE = "image";
    /** The column holding the file's name, without its folder. */
    public static final String FILENAME = "filename";
    /** The column for a caption or OCR text; always null, since this plugin produces neither. */
    public static final String TEXT = "text";

    /** 16 Mi pixels: about 64 MB decoded at 4 bytes a pixel. */
    private static final long CHECK_PIXELS = 1L << 24;
    private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp");
    private static final Schema SCHEMA = Schema.builder()
            .add(IMAGE, ColumnType.IMAGE)
            .add(FILENAME, ColumnType.TEXT)
            .add(TEXT, ColumnType.TEXT)
            .build();

    private final long checkPixels;

    /** The chunker pf4j creates. */
    public ImageChunker() {
        this(CHECK_PIXELS);
    }

    /** @param checkPixels the most pixels the decode check holds before it subsamples */
    ImageChunker(long checkPixels) {
        this.checkPixels = checkPixels;
    }

    @Override
    public String name() {
        return "image";
    }

    @Override
    public Set<String> extensions() {
        return EXTENSIONS;
    }

    @Override
    public Schema schema() {
        return SCHEMA;
    }

    @Override
    public List<String> imageColumns() {
        return List.of(IMAGE);
    }

    @Override
    public void chunk(Path file, IngestSettings settings, Consumer<Batch> out) throws IOException {
        byte[] image;
        try {
            image = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IngestError("Cannot read " + file + ": " + e, e);
        }
        DecodeCheck.check(image, file, checkPixels);
        out.accept(Batch.builder()
                .column(IMAGE, new byte[][] {image})
                .column(FILENAME, new String[] {file.getFileName().toString()})
                .column(TEXT, new String[] {null})
                .build());
    }
}
