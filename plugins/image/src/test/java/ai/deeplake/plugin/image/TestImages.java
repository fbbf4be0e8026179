package ai.deeplake.plugin.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** The images the tests ingest: written here with the JDK's writers, except WebP, which nothing here writes. */
final class TestImages {
    /**
     * A 2x2 lossless WebP: red, green on the first row, blue, white on the second, all opaque. Written by
     * ffmpeg 5.1 with libwebp ({@code -f rawvideo -pix_fmt rgba -s 2x2 -i pixels.rgba -c:v libwebp
     * -lossless 1}), which decodes it back to the same pixels. Its layout, from the WebP container spec:
     * {@code RIFF}, the little-endian size of the rest (44), {@code WEBP}; one {@code VP8L} chunk of 31
     * bytes: the signature 0x2F, then 14 bits width - 1, 14 bits height - 1 (both 1), the alpha hint and
     * a 3-bit version (0), then the entropy-coded pixels; and the pad byte that keeps chunks even.
     */
    static final byte[] WEBP_2X2 = bytes(
            0x52, 0x49, 0x46, 0x46, 0x2C, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50,
            0x56, 0x50, 0x38, 0x4C, 0x1F, 0x00, 0x00, 0x00,
            0x2F, 0x01, 0x40, 0x00, 0x00,
            0x1F, 0x20, 0x10, 0x48, 0xDE, 0x1F, 0x3A, 0x8D, 0xF9, 0x17, 0x10, 0x14, 0xFC, 0x1F, 0xDD, 0xFC,
            0x47, 0x64, 0x0F, 0xE0, 0x06, 0x0C, 0x11, 0xFD, 0x0F, 0x01,
            0x00);

    /**
     * A two-frame animation of {@link #WEBP_2X2}, built by the WebP container spec's extended format
     * (ffmpeg's libwebp_anim writes the same layout): a {@code VP8X} chunk with the animation flag and
     * the 2x2 canvas, an {@code ANIM} chunk (background, loop forever), and two {@code ANMF} frames at
     * (0, 0), 500 ms each, each wrapping the still image's {@code VP8L} chunk.
     */
    static byte[] animatedWebP() {
        byte[] vp8l = Arrays.copyOfRange(WEBP_2X2, 12, WEBP_2X2.length);
        int frame = 8 + 16 + vp8l.length;
        ByteBuffer webp = ByteBuffer.allocate(12 + 18 + 14 + 2 * frame).order(ByteOrder.LITTLE_ENDIAN);
        webp.put(ascii("RIFF")).putInt(webp.capacity() - 8).put(ascii("WEBP"));
        webp.put(ascii("VP8X")).putInt(10).put((byte) 0x02).put(new byte[3]);
        putUInt24(webp, 1); // canvas width - 1
        putUInt24(webp, 1); // canvas height - 1
        webp.put(ascii("ANIM")).putInt(6).putInt(0xFFFFFFFF).putShort((short) 0);
        for (int i = 0; i < 2; i++) {
            webp.put(ascii("ANMF")).putInt(16 + vp8l.length);
            putUInt24(webp, 0); // x / 2
            putUInt24(webp, 0); // y / 2
            putUInt24(webp, 1); // width - 1
            putUInt24(webp, 1); // height - 1
            putUInt24(webp, 500); // duration in ms
            webp.put((byte) 0x02); // do not blend, do not dispose
            webp.put(vp8l);
        }
        return webp.array();
    }

    private static void putUInt24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }

    /** Adobe APP14 colour transform 0: the four components are CMYK, as Photoshop writes them. */
    static final int ADOBE_CMYK = 0;
    /**
     * Adobe APP14 colour transform 1 (YCbCr) on four components: a contradiction found in real files,
     * which the JDK's reader rejects ("Unsupported Image Type") and TwelveMonkeys' reads as CMYK.
     */
    static final int ADOBE_YCC_ON_FOUR_COMPONENTS = 1;

    private TestImages() {}

    /**
     * @param format an ImageIO writer's format name: png, jpeg, gif or bmp
     * @return a {@code width} x {@code height} image of random opaque pixels; noise keeps the compressed
     *     data as long as the image, so cutting the file cuts into the pixels, not just the trailer
     */
    static byte[] write(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @return an 8x8 four-component JPEG with an Adobe APP14 marker of the given colour transform. The
     *     JDK's writer writes the raster's four components as they are but no Adobe marker, so one is put
     *     in after the start-of-image marker.
     */
    static byte[] fourComponentJpeg(int adobeTransform) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {x * 32, y * 32, 128, 64});
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        byte[] plain = jpeg.toByteArray();
        // FFEE, length 14, "Adobe", version 100, flags0 0, flags1 0, transform.
        byte[] app14 = bytes(0xFF, 0xEE, 0x00, 0x0E, 'A', 'd', 'o', 'b', 'e', 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, adobeTransform);
        ByteArrayOutputStream withMarker = new ByteArrayOutputStream();
        withMarker.write(plain, 0, 2);
        withMarker.write(app14, 0, app14.length);
        withMarker.write(plain, 2, plain.length - 2);
        return withMarker.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
