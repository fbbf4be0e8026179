package ai.deeplake.plugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageChunkerTest {
    private final ImageChunker chunker = new ImageChunker();

    @TempDir
    Path dir;

    @Test
    void describesItself() {
        assertEquals("image", chunker.name());
        assertEquals(Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp"), chunker.extensions());
        // The host matches extensions case-insensitively against these, so they must be lower case.
        chunker.extensions().forEach(ext -> assertEquals(ext.toLowerCase(Locale.ROOT), ext));
        assertEquals(List.of("image", "filename", "text"), chunker.schema().names());
        assertEquals(ColumnType.IMAGE, chunker.schema().column("image").orElseThrow().type());
        assertEquals(ColumnType.TEXT, chunker.schema().column("filename").orElseThrow().type());
        assertEquals(ColumnType.TEXT, chunker.schema().column("text").orElseThrow().type());
        assertEquals(List.of("image"), chunker.imageColumns());
    }

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("photo.png", TestImages.write("png", 24, 16)),
                Arguments.of("photo.jpg", TestImages.write("jpeg", 24, 16)),
                Arguments.of("photo.jpeg", TestImages.write("jpeg", 16, 24)),
                Arguments.of("photo.gif", TestImages.write("gif", 24, 16)),
                Arguments.of("photo.bmp", TestImages.write("bmp", 24, 16)),
                Arguments.of("photo.webp", TestImages.WEBP_2X2),
                Arguments.of("animation.webp", TestImages.animatedWebP()),
                Arguments.of("cmyk.jpg", TestImages.fourComponentJpeg(TestImages.ADOBE_CMYK)),
                Arguments.of("ycc-marked-cmyk.jpg", TestImages.fourComponentJpeg(TestImages.ADOBE_YCC_ON_FOUR_COMPONENTS)),
                // The reader is chosen by the bytes; the host chose this chunker by the extension.
                Arguments.of("really-a-png.jpg", TestImages.write("png", 8, 8)),
                Arguments.of("UPPER.PNG", TestImages.write("png", 8, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void storesTheOriginalBytesInOneRow(String name, byte[] content) throws IOException {
        Batch row = chunkOne(chunker, Files.write(dir.resolve(name), content));
        assertEquals(List.of("image", "filename", "text"), row.columnNames());
        assertArrayEquals(content, row.bytes("image")[0]);
        assertEquals(name, row.strings("filename")[0]);
        assertNull(row.strings("text")[0]);
        assertTrue(row.isNull("text", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void aSubsampledCheckAcceptsTheSameImages(String name, byte[] content) throws IOException {
        // One pixel at most: every image above is checked subsampled.
        Batch row = chunkOne(new ImageChunker(1), Files.write(dir.resolve(name), content));
        assertArrayEquals(content, row.bytes("image")[0]);
    }

    @Test
    void theWebPTestImagesAreWhatTheirCommentsDescribe() throws IOException {
        int[] pixels = {0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFFFFFFFF};
        assertArrayEquals(new int[][] {pixels}, webPFrames(TestImages.WEBP_2X2));
        assertArrayEquals(new int[][] {pixels, pixels}, webPFrames(TestImages.animatedWebP()));
    }

    /** @return each frame's ARGB pixels, decoded with TwelveMonkeys' reader straight from its jar */
    private static int[][] webPFrames(byte[] webp) throws IOException {
        ImageReader reader = new WebPImageReaderSpi().createReaderInstance();
        try (ImageInputStream in = new ByteArrayImageInputStream(webp)) {
            reader.setInput(in);
            int[][] frames = new int[reader.getNumImages(true)][];
            for (int i = 0; i < frames.length; i++) {
                BufferedImage frame = reader.read(i);
                frames[i] = frame.getRGB(0, 0, frame.getWidth(), frame.getHeight(), null, 0, frame.getWidth());
            }
            return frames;
        } finally {
            reader.dispose();
        }
    }

    static Stream<Arguments> broken() {
        byte[] png = TestImages.write("png", 32, 32);
        byte[] gif = TestImages.write("gif", 32, 32);
        byte[] bmp = TestImages.write("bmp", 32, 32);
        byte[] garbage = new byte[200];
        new Random(3).nextBytes(garbage);
        return Stream.of(
                Arguments.of("cut.png", Arrays.copyOf(png, png.length / 2), "Not a valid PNG image"),
                Arguments.of("cut.gif", Arrays.copyOf(gif, gif.length / 2), "Not a valid GIF image"),
                Arguments.of("cut.bmp", Arrays.copyOf(bmp, bmp.length / 2), "Not a valid BMP image"),
                Arguments.of("cut.webp", Arrays.copyOf(TestImages.WEBP_2X2, 26), "Not a valid WEBP image"),
                Arguments.of("garbage.jpg", garbage, "is not JPEG, PNG, GIF, BMP or WebP"),
                Arguments.of("text.png", "not an image at all".getBytes(StandardCharsets.US_ASCII), "is not JPEG, PNG"),
                Arguments.of("empty.png", new byte[0], "is empty"),
                Arguments.of("one-byte.gif", new byte[] {'G'}, "is not JPEG, PNG"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenImageIsAnIngestErrorNamingTheFile(String name, byte[] content, String cause) throws IOException {
        assertRejected(chunker, Files.write(dir.resolve(name), content), cause);
    }

    static Stream<Arguments> brokenButBmp() {
        // The JDK's BMP reader reads the rows it samples without looking for the end of the data, so a
        // subsampled check misses a cut BMP (see DecodeCheck.subsampled).
        return broken().filter(args -> !((String) args.get()[0]).endsWith(".bmp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenButBmp")
    void aSubsampledCheckStillFindsBrokenData(String name, byte[] content, String cause) throws IOException {
        assertRejected(new ImageChunker(1), Files.write(dir.resolve(name), content), cause);
    }

    private static void assertRejected(ImageChunker chunker, Path file, String cause) {
        List<Batch> batches = new ArrayList<>();
        IngestError e = assertThrows(IngestError.class, () -> chunker.chunk(file, IngestSettings.defaults(), batches::add));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(cause), e.getMessage());
        assertEquals(List.of(), batches);
    }

    @Test
    void aJpegCutShortIsAcceptedBecauseItsReaderOnlyWarns() throws IOException {
        // The decision documented on ImageChunker: readers judge, and a JPEG missing its end decodes
        // with warnings only, blank where data is missing, as browsers show it.
        byte[] jpeg = TestImages.write("jpeg", 32, 32);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 3 / 4);
        Batch row = chunkOne(chunker, Files.write(dir.resolve("cut.jpg"), cut));
        assertArrayEquals(cut, row.bytes("image")[0]);
    }

    @Test
    void anUnreadableFileIsAnIngestErrorNamingIt() {
        Path missing = dir.resolve("missing.png");
        IngestError e = assertThrows(IngestError.class, () -> chunkOne(chunker, missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private static Batch chunkOne(ImageChunker chunker, Path file) throws IOException {
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, IngestSettings.defaults(), batches::add);
        assertEquals(1, batches.size());
        assertEquals(1, batches.get(0).size());
        return batches.get(0);
    }
}
