package ai.deeplake.formats.coco;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws an image's instance annotations into a grayscale PNG holding the category id per pixel (0
 * where there is none), later annotations over earlier ones as pycocotools-based tools do. 8-bit
 * when every category id fits, else 16-bit.
 *
 * <p>Polygons are filled by Java2D without antialiasing: a pixel is inside when its centre is (for a
 * rectangle from x0 to x1 that is the columns x0 .. x1-1). Values are written to the raster as raw
 * samples, never through a colour, so no colour space conversion changes an id.
 */
final class MaskPainter {
    private MaskPainter() {}

    /**
     * @param instances the image's annotations, in file order; their RLE sizes match the image's
     * @param maxCategory the largest category id of the file, deciding the bit depth
     * @return the mask as PNG bytes
     */
    static byte[] png(int width, int height, List<Instance> instances, long maxCategory) {
        BufferedImage mask = new BufferedImage(width, height,
                maxCategory > 0xFF ? BufferedImage.TYPE_USHORT_GRAY : BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster out = mask.getRaster();
        for (Instance instance : instances) {
            int id = (int) instance.categoryId();
            if (instance.segmentation() instanceof Segmentation.Polygons p) {
                fill(out, p, id);
            } else if (instance.segmentation() instanceof Segmentation.RunLengths r) {
                fill(out, r, id);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(mask, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory failed", e);
        }
        return png.toByteArray();
    }

    private static void fill(WritableRaster out, Segmentation.Polygons polygons, int id) {
        Path2D.Float shape = new Path2D.Float(Path2D.WIND_NON_ZERO);
        for (float[] xy : polygons.polygons()) {
            shape.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                shape.lineTo(xy[i], xy[i + 1]);
            }
            shape.closePath();
        }
        Rectangle area = shape.getBounds().intersection(out.getBounds());
        if (area.isEmpty()) {
            return;
        }
        // Drawn white on black in a scratch image the size of the shape's bounds, then copied as the id.
        BufferedImage scratch = new BufferedImage(area.width, area.height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.translate(-area.x, -area.y);
            g.setColor(Color.WHITE);
            g.fill(shape);
        } finally {
            g.dispose();
        }
        Raster drawn = scratch.getRaster();
        for (int y = 0; y < area.height; y++) {
            for (int x = 0; x < area.width; x++) {
                if (drawn.getSample(x, y, 0) != 0) {
                    out.setSample(area.x + x, area.y + y, 0, id);
                }
            }
        }
    }

    private static void fill(WritableRaster out, Segmentation.RunLengths rle, int id) {
        int height = rle.height();
        long pixel = 0;
        int[] counts = rle.counts();
        for (int i = 0; i < counts.length; i++) {
            if (i % 2 == 1) {
                for (long k = pixel; k < pixel + counts[i]; k++) {
                    out.setSample((int) (k / height), (int) (k % height), 0, id);
                }
            }
            pixel += counts[i];
        }
    }
}
