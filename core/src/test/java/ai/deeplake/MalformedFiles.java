package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Makes the valid media the malformed-input corpus starts from (ImageIO images, an ffmpeg WebP, PDFBox
 * PDFs, ffmpeg videos) and the byte-level damage done to them. Every output is deterministic.
 */
final class MalformedFiles {
    private MalformedFiles() {
    }

    /** @return a 64x48 gradient with a shape, so compressed formats have real entropy-coded data */
    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | ((x ^ y) * 3 & 0xff));
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(Color.YELLOW);
        g.fillOval(10, 8, 30, 20);
        g.dispose();
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a 64x48 WebP made by ffmpeg (TwelveMonkeys reads WebP but cannot write it) */
    static byte[] webp(Path scratch) {
        Path out = scratch.resolve("made.webp");
        ffmpeg("-f", "lavfi", "-i", "testsrc=s=64x48", "-frames:v", "1", out.toString());
        return read(out);
    }

    /** @return a PDF of {@code pages} pages with a line of text each; encrypted when {@code userPassword} is not null */
    static byte[] pdf(int pages, String ownerPassword, String userPassword) {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
                    text.newLineAtOffset(72, 700);
                    text.showText("page " + (i + 1));
                    text.endText();
                }
            }
            if (ownerPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy(ownerPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the PDF with its {@code startxref} offset pointing into the header, so only a reconstruction can read it */
    static byte[] brokenXref(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("startxref") + "startxref".length();
        String offset = text.substring(at).strip().split("\\s+")[0];
        String damaged = text.substring(0, at) + text.substring(at).replaceFirst(offset, "1".repeat(offset.length()).replaceFirst("1", "0"));
        return damaged.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * @param kind a lavfi source spec for the single input, e.g. {@code testsrc=s=64x48:d=2} or {@code sine=d=2}
     * @return a container file made by ffmpeg from that source with the given output options
     */
    static byte[] media(Path scratch, String name, String kind, String... outputOptions) {
        Path out = scratch.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("-f", "lavfi", "-i", kind));
        args.addAll(Arrays.asList(outputOptions));
        args.add(out.toString());
        ffmpeg(args.toArray(String[]::new));
        return read(out);
    }

    private static void ffmpeg(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), String.join(" ", command) + "\n" + log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the first {@code n} bytes */
    static byte[] head(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, Math.min(n, bytes.length));
    }

    /** @return the bytes with the middle half overwritten by seeded random bytes (headers kept) */
    static byte[] scrambledMiddle(byte[] bytes, long seed) {
        byte[] copy = bytes.clone();
        Random random = new Random(seed);
        for (int i = bytes.length / 4; i < bytes.length * 3 / 4; i++) {
            copy[i] = (byte) random.nextInt(256);
        }
        return copy;
    }

    /** @return {@code n} seeded random bytes */
    static byte[] garbage(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** @return the concatenation of the parts */
    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
