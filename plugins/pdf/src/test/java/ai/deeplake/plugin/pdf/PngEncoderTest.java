package ai.deeplake.plugin.pdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    private final PngEncoder encoder = new PngEncoder();

    @Test
    void imageIoDecodesEveryPixelAsItWas() throws IOException {
        Random random = new Random(1);
        for (int[] size : new int[][] {{1, 1}, {37, 23}, {300, 2}, {2, 300}}) {
            BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    // Noise, and runs of one colour like a rendered page's.
                    image.setRGB(x, y, x % 5 == 0 ? 0xFFFFFF : random.nextInt(1 << 24));
                }
            }
            // Encoded twice, as one thread's pages are, so that the deflater's reset is covered.
            encoder.encode(image);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoder.encode(image)));

            assertArrayEquals(pixels(image), pixels(decoded), size[0] + "x" + size[1]);
        }
    }

    @Test
    void rejectsImagesThatAreNotIntRgb() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);

        assertThrows(IllegalArgumentException.class, () -> encoder.encode(argb));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
