package ai.deeplake.plugin.pdf;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** Writes the PDFs the tests read, with PDFBox, so that no PDF is checked in. */
final class TestPdfs {
    private static final int NOISE_PIXELS = 450;

    private TestPdfs() {}

    /** @return the lines of text written on page {@code index}; each page's are unique */
    static List<String> lines(int index) {
        return List.of("Page " + index + " of the test document", "marker-" + index + " kiwi mango");
    }

    /** @return the text PDFBox extracts from page {@code index} */
    static String text(int index) {
        return String.join("\n", lines(index)) + "\n";
    }

    /** Writes {@code count} Letter pages, each with its {@link #lines} and a few filled shapes. */
    static Path letterPages(Path file, int count) throws IOException {
        return write(file, count, document -> (content, index) -> { });
    }

    /**
     * Writes {@code count} Letter pages as {@link #letterPages} does; every {@code heavyEvery}-th page
     * also strokes hundreds of curves, so that it renders far slower than the others.
     */
    static Path unevenPages(Path file, int count, int heavyEvery) throws IOException {
        return write(file, count, document -> (content, index) -> {
            if (index % heavyEvery == 0) {
                content.setLineWidth(0.3f);
                for (int k = 0; k < 300; k++) {
                    content.moveTo(20 + k % 500, 100 + k % 300);
                    content.curveTo(100 + k % 400, 600, 300, 100 + k % 250, 590, 700 - k % 400);
                }
                content.stroke();
            }
        });
    }

    /**
     * Writes {@code count} Letter pages as {@link #letterPages} does, each also showing a 3 inch square
     * of random pixels (one image shared by all pages), so that a page's PNG cannot be smaller than
     * about {@code (3 * dpi)^2 * 3} bytes: 270 KB at 100 DPI, 600 KB at 150.
     */
    static Path noisyPages(Path file, int count) throws IOException {
        BufferedImage noise = new BufferedImage(NOISE_PIXELS, NOISE_PIXELS, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < NOISE_PIXELS; y++) {
            for (int x = 0; x < NOISE_PIXELS; x++) {
                noise.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return write(file, count, document -> {
            PDImageXObject image = LosslessFactory.createFromImage(document, noise);
            return (content, index) -> content.drawImage(image, 72, 72, 216, 216);
        });
    }

    /** Writes an A4 page, a Letter page turned 90 degrees, and a small square page. */
    static Path mixedShapes(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDRectangle[] boxes = {PDRectangle.A4, PDRectangle.LETTER, new PDRectangle(100.5f, 100.5f)};
            PDFont font = helvetica();
            for (int i = 0; i < boxes.length; i++) {
                PDPage page = new PDPage(boxes[i]);
                if (i == 1) {
                    page.setRotation(90);
                }
                document.addPage(page);
                draw(document, font, page, i).close();
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** Writes one 200 x 200 inch page (the largest Acrobat makes), too large to render at any usual DPI. */
    static Path hugePage(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage(new PDRectangle(14_400, 14_400)));
            document.save(file.toFile());
        }
        return file;
    }

    /** Writes a document with no pages, which PDFBox saves and opens without complaint. */
    static Path noPages(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            document.save(file.toFile());
        }
        return file;
    }

    /** Writes {@link #letterPages} encrypted so that opening it needs the password {@code secret}. */
    static Path encrypted(Path file) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.LETTER);
            document.addPage(page);
            draw(document, helvetica(), page, 0).close();
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(file.toFile());
        }
        return file;
    }

    /** Draws on page {@code index} after its lines and shapes. */
    @FunctionalInterface
    private interface Extra {
        void draw(PDPageContentStream content, int index) throws IOException;
    }

    /** Makes the {@link Extra} of one document, with the resources its pages share. */
    @FunctionalInterface
    private interface ExtraFor {
        Extra of(PDDocument document) throws IOException;
    }

    private static Path write(Path file, int count, ExtraFor extraFor) throws IOException {
        try (PDDocument document = new PDDocument()) {
            Extra extra = extraFor.of(document);
            PDFont font = helvetica();
            for (int i = 0; i < count; i++) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                document.addPage(page);
                try (PDPageContentStream content = draw(document, font, page, i)) {
                    extra.draw(content, i);
                }
            }
            document.save(file.toFile());
        }
        return file;
    }

    /** A standard font: PDFBox renders it with a font of its own or the system's. */
    private static PDFont helvetica() {
        return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    }

    /** Writes page {@code index}'s lines and a few filled shapes, and leaves the content stream open. */
    private static PDPageContentStream draw(PDDocument document, PDFont font, PDPage page, int index) throws IOException {
        PDPageContentStream content = new PDPageContentStream(document, page);
        content.beginText();
        content.setFont(font, 12);
        content.setLeading(16);
        content.newLineAtOffset(20, page.getMediaBox().getHeight() - 30);
        for (String line : lines(index)) {
            content.showText(line);
            content.newLine();
        }
        content.endText();
        for (int k = 0; k < 5; k++) {
            content.setNonStrokingColor(k / 5f, 0.4f, 1 - k / 5f);
            content.addRect(20 + k * 15, 20, 10, 10 + index % 7 * 5);
            content.fill();
        }
        return content;
    }
}
