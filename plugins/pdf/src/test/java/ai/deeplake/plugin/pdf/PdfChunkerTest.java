package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.IngestSettings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PdfChunkerTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final PdfChunker chunker = new PdfChunker();

    @TempDir
    Path dir;

    @Test
    void describesItself() {
        assertEquals("pdf", chunker.name());
        assertEquals(Set.of("pdf"), chunker.extensions());
        assertEquals(List.of("page_index", "image", "text"), chunker.schema().names());
        assertEquals(ColumnType.INT64, chunker.schema().column("page_index").orElseThrow().type());
        assertEquals(ColumnType.IMAGE, chunker.schema().column("image").orElseThrow().type());
        assertEquals(ColumnType.TEXT, chunker.schema().column("text").orElseThrow().type());
    }

    @Test
    void yieldsOneRowPerPageWithItsIndexImageAndText() throws IOException {
        int pages = 6;
        List<Batch> batches = batches(TestPdfs.letterPages(dir.resolve("doc.pdf"), pages), IngestSettings.defaults());

        List<Long> indexes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Batch batch : batches) {
            assertEquals(List.of("page_index", "image", "text"), batch.columnNames());
            Arrays.stream(batch.longs("page_index")).forEach(indexes::add);
            texts.addAll(List.of(batch.strings("text")));
            for (byte[] png : batch.bytes("image")) {
                assertImage(png, 1275, 1650);
            }
        }
        assertEquals(indexes(pages), indexes);
        assertEquals(IntStream.range(0, pages).mapToObj(TestPdfs::text).toList(), texts);
    }

    @ParameterizedTest(name = "{0} DPI")
    @ValueSource(ints = {72, 150})
    void imagesHaveTheDpisPixelSizeForEveryPageShape(int dpi) throws IOException {
        List<Batch> batches = batches(TestPdfs.mixedShapes(dir.resolve("shapes.pdf")), settings(dpi, 4));

        byte[][] images = batches.get(0).bytes("image");
        assertEquals(3, images.length);
        // A4 is 595.28 x 841.89 pt; the Letter page is turned 90 degrees; the last is 100.5 pt square.
        assertImage(images[0], (int) Math.floor(595.27563 * dpi / 72), (int) Math.floor(841.8898 * dpi / 72));
        assertImage(images[1], 792 * dpi / 72, 612 * dpi / 72);
        assertImage(images[2], (int) Math.floor(100.5 * dpi / 72), (int) Math.floor(100.5 * dpi / 72));
        assertEquals(TestPdfs.text(1), batches.get(0).strings("text")[1]);
    }

    @Test
    void scaleReachesTheExactPixelSizeWherePdfboxFloatMathFallsShort() {
        assertEquals(1649, (int) Math.floor(792 * (150 / 72f)), "PDFBox's own scale, which this works around");
        float[][] sizes = {{612, 792}, {595.27563f, 841.8898f}, {100.5f, 100.5f}, {1, 14_400}};
        for (float[] size : sizes) {
            for (int dpi = 1; dpi <= 600; dpi++) {
                float scale = PdfPages.scale(size[0], size[1], dpi);
                assertEquals(Math.floor((double) size[0] * dpi / 72), Math.floor(size[0] * scale), size[0] + " pt at " + dpi);
                assertEquals(Math.floor((double) size[1] * dpi / 72), Math.floor(size[1] * scale), size[1] + " pt at " + dpi);
            }
        }
    }

    @Test
    void keepsPageOrderWhenLaterPagesRenderFirst() throws IOException {
        // Every fifth page is slow to render, so the threads finish pages out of order.
        int pages = 21;
        Path file = TestPdfs.unevenPages(dir.resolve("uneven.pdf"), pages, 5);
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, 72, 4, batches::add);

        List<Long> indexes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Batch batch : batches) {
            assertTrue(batch.size() <= PdfChunker.BATCH_PAGES, batch.toString());
            Arrays.stream(batch.longs("page_index")).forEach(indexes::add);
            texts.addAll(List.of(batch.strings("text")));
        }
        assertEquals(indexes(pages), indexes);
        assertEquals(IntStream.range(0, pages).mapToObj(TestPdfs::text).toList(), texts);
    }

    @Test
    void handsPagesOnInSmallBatches() throws IOException {
        List<Batch> batches = batches(TestPdfs.letterPages(dir.resolve("ten.pdf"), 10), settings(36, 2));

        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
    }

    static Stream<Arguments> corruptFiles() {
        return Stream.of(
                Arguments.of("text.pdf", (Corrupter) (dir, file) -> Files.writeString(file, "hello, not a pdf\n"),
                        "not a PDF file: no %PDF- header in its first 1024 bytes"),
                Arguments.of("empty.pdf", (Corrupter) (dir, file) -> Files.write(file, new byte[0]),
                        "not a PDF file: the file is empty"),
                Arguments.of("truncated.pdf", (Corrupter) (dir, file) -> {
                    byte[] whole = Files.readAllBytes(TestPdfs.letterPages(dir.resolve("whole.pdf"), 3));
                    Files.write(file, Arrays.copyOf(whole, whole.length / 3));
                }, "damaged PDF that PDFBox cannot repair: "),
                Arguments.of("no-xref.pdf", (Corrupter) (dir, file) -> Files.writeString(file,
                        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n999999\n%%EOF\n"),
                        "damaged PDF that PDFBox cannot repair: "),
                Arguments.of("encrypted.pdf", (Corrupter) (dir, file) -> TestPdfs.encrypted(file),
                        "the PDF is encrypted with a password"),
                Arguments.of("no-pages.pdf", (Corrupter) (dir, file) -> TestPdfs.noPages(file),
                        "the PDF has no pages"),
                Arguments.of("huge-page.pdf", (Corrupter) (dir, file) -> TestPdfs.hugePage(file),
                        "page 1 of 1 is 14400 x 14400 pt, 60000 x 60000 pixels at 300 DPI: more than the 50,000,000 pixels"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void unreadablePdfRaisesIngestErrorNamingTheFileAndCause(String name, Corrupter corrupter, String cause)
            throws IOException {
        Path file = dir.resolve(name);
        corrupter.write(dir, file);

        IngestError error = assertThrows(IngestError.class, () -> batches(file, settings(300, 2)));

        assertTrue(error.getMessage().startsWith(file + ": "), error.getMessage());
        assertTrue(error.getMessage().contains(cause), error.getMessage());
    }

    @Test
    void aPageTooLargeToRenderIsRefusedBeforeItIsRendered() throws IOException {
        // At 36 DPI the 200-inch page is 7200 x 7200 pixels: under PDFBox's own limit, yet 200 MB of
        // pixels. The fuzzer found such a page box; rendering it took minutes.
        Path file = TestPdfs.hugePage(dir.resolve("poster.pdf"));

        IngestError error = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IngestError.class, () -> batches(file, settings(36, 2))));

        assertEquals(file + ": page 1 of 1 is 14400 x 14400 pt, 7200 x 7200 pixels at 36 DPI: more than the 50,000,000 pixels"
                + " a page may render to; ingest it with a lower pdfDpi", error.getMessage());
    }

    @Test
    void missingFileIsAnIoErrorNotAnIngestError() {
        Path file = dir.resolve("missing.pdf");

        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> batches(file, IngestSettings.defaults()));
        assertEquals(file.toString(), error.getFile());
    }

    @Test
    void consumerFailureStopsTheRenderThreads() throws IOException {
        Path file = TestPdfs.letterPages(dir.resolve("stop.pdf"), 30);
        IllegalStateException stop = new IllegalStateException("consumer gave up");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> chunker.chunk(file, 72, 4, batch -> {
            throw stop;
        }));

        assertSame(stop, thrown);
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(name -> name.startsWith("deeplake-pdf-")).toList();
        assertTrue(left.isEmpty(), "render threads still running: " + left);
    }

    /** Writes a damaged or unusual file for one case of {@link #corruptFiles}. */
    @FunctionalInterface
    interface Corrupter {
        void write(Path dir, Path file) throws IOException;
    }

    /** @return the page indexes 0..count-1 */
    private static List<Long> indexes(int count) {
        return IntStream.range(0, count).mapToObj(i -> (long) i).toList();
    }

    private static IngestSettings settings(int dpi, int workers) {
        return new IngestSettings(1000, 200, dpi, workers, null);
    }

    private List<Batch> batches(Path file, IngestSettings settings) throws IOException {
        List<Batch> batches = new ArrayList<>();
        chunker.chunk(file, settings, batches::add);
        return batches;
    }

    /** Asserts that {@code png} is a PNG file that decodes to an image of exactly that size. */
    static void assertImage(byte[] png, int width, int height) throws IOException {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), "not a PNG signature");
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                assertEquals("png", reader.getFormatName().toLowerCase(Locale.ROOT));
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                assertNotNull(image);
                assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
            } finally {
                reader.dispose();
            }
        }
    }
}
