package ai.deeplake.plugin.pdf;

import ai.deeplake.api.IngestError;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * One thread's open copy of a PDF, turning pages into rows. PDFBox documents, renderers and text
 * strippers are not thread-safe, so each render thread opens the file itself: PDFBox reads objects
 * from the file on demand, so a copy costs little more than the cross-reference table.
 *
 * <p>Every failure to read the file as a PDF becomes an {@link IngestError} naming the file and the
 * cause; only a file that cannot be read at all gives an {@link IOException}.
 */
final class PdfPages implements Closeable {
    /** A rendered page: the PNG of its image and its text. */
    record Page(byte[] png, String text) {}

    /** A PDF header may follow other bytes, but within the first 1024 (as Acrobat reads it). */
    private static final int HEADER_WITHIN = 1024;
    private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    /**
     * The largest page image rendered, in pixels: an A0 poster at 150 DPI is 35 million. A damaged or
     * hostile page box (found by fuzzing: one flipped byte made a page 79,289 x 61,290 pt) would
     * otherwise allocate gigabytes and render for minutes.
     */
    static final long MAX_PIXELS = 50_000_000L;

    private final Path file;
    private final int dpi;
    private final PDDocument document;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper;
    private final PngEncoder pngEncoder = new PngEncoder();

    private PdfPages(Path file, int dpi, PDDocument document) {
        this.file = file;
        this.dpi = dpi;
        this.document = document;
        this.renderer = new PDFRenderer(document);
        // Embedded images larger than their size on the page are read subsampled: less memory and time.
        renderer.setSubsamplingAllowed(true);
        this.stripper = new PDFTextStripper();
        // The same text on every platform, rather than the system's line separator.
        stripper.setLineSeparator("\n");
    }

    /**
     * Opens {@code file} for rendering at {@code dpi}.
     *
     * @throws IngestError when the file is not a PDF, is damaged beyond what PDFBox repairs, needs a
     *     password, or has no pages
     * @throws IOException when the file cannot be read
     */
    static PdfPages open(Path file, int dpi) throws IOException {
        // Read first so that a missing or unreadable file fails as such, not as a damaged PDF.
        byte[] head = readHead(file);
        PDDocument document;
        try {
            document = Loader.loadPDF(file.toFile());
        } catch (InvalidPasswordException e) {
            throw new IngestError(file + ": the PDF is encrypted with a password; ingest a decrypted copy", e);
        } catch (IOException e) {
            throw new IngestError(file + ": " + whyNotReadable(head, e), e);
        }
        if (document.getNumberOfPages() == 0) {
            document.close();
            throw new IngestError(file + ": the PDF has no pages");
        }
        return new PdfPages(file, dpi, document);
    }

    /** @return how many pages the document has */
    int pageCount() {
        return document.getNumberOfPages();
    }

    /**
     * Renders page {@code index} (from 0) to PNG at the DPI's pixel size and extracts its text.
     *
     * @throws IngestError naming the file and page when PDFBox cannot render it
     */
    Page render(int index) {
        try {
            PDPage page = document.getPage(index);
            PDRectangle box = page.getCropBox();
            checkSize(box, index);
            BufferedImage image = renderer.renderImage(index, scale(box.getWidth(), box.getHeight(), dpi), ImageType.RGB);
            byte[] encoded = pngEncoder.encode(image);
            // In content stream order the stripper breaks the lines of a page turned a quarter into
            // single letters; sorted by position they come out whole. Other pages keep content stream
            // order, which follows the columns of a multi-column page.
            stripper.setSortByPosition(page.getRotation() % 180 != 0);
            stripper.setStartPage(index + 1);
            stripper.setEndPage(index + 1);
            return new Page(encoded, stripper.getText(document));
        } catch (IngestError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IngestError(file + ": page " + (index + 1) + " of " + pageCount() + " could not be rendered: "
                    + describe(e), e);
        }
    }

    private void checkSize(PDRectangle box, int index) {
        double width = pixels(box.getWidth(), dpi);
        double height = pixels(box.getHeight(), dpi);
        if (width * height > MAX_PIXELS) {
            throw new IngestError(String.format(Locale.ROOT, "%s: page %d of %d is %.0f x %.0f pt, %.0f x %.0f pixels at %d DPI:"
                    + " more than the %,d pixels a page may render to; ingest it with a lower pdfDpi",
                    file, index + 1, pageCount(), box.getWidth(), box.getHeight(), width, height, dpi, MAX_PIXELS));
        }
    }

    /**
     * The scale that renders {@code widthPt x heightPt} points at exactly
     * {@code floor(points * dpi / 72)} pixels a side.
     *
     * <p>PDFBox sizes the image as {@code floor(points * scale)} in float arithmetic, and
     * {@code 150 / 72f} rounds down: a 792 pt Letter page comes out 1649 pixels high instead of 1650.
     * The smallest float scale at or above {@code dpi / 72f} that reaches the exact size on both sides
     * is at most a few units in the last place above it.
     */
    static float scale(float widthPt, float heightPt, int dpi) {
        double width = pixels(widthPt, dpi);
        double height = pixels(heightPt, dpi);
        float scale = dpi / 72f;
        while (Math.floor(widthPt * scale) < width || Math.floor(heightPt * scale) < height) {
            scale = Math.nextUp(scale);
        }
        return scale;
    }

    /** @return the pixels {@code points} take at {@code dpi}: {@code floor(points * dpi / 72)} */
    private static double pixels(float points, int dpi) {
        // Multiplied before dividing, so that whole results (792 * 23 / 72 = 253) come out whole.
        return Math.floor((double) points * dpi / 72);
    }

    private static byte[] readHead(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEADER_WITHIN);
        }
    }

    /** @return why PDFBox failed to open a file starting with {@code head} */
    private static String whyNotReadable(byte[] head, IOException failure) {
        if (head.length == 0) {
            return "not a PDF file: the file is empty";
        }
        for (int i = 0; i + HEADER.length <= head.length; i++) {
            if (Arrays.equals(head, i, i + HEADER.length, HEADER, 0, HEADER.length)) {
                return "damaged PDF that PDFBox cannot repair: " + describe(failure);
            }
        }
        return "not a PDF file: no %PDF- header in its first " + HEADER_WITHIN + " bytes";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() throws IOException {
        pngEncoder.close();
        document.close();
    }
}
