package ai.deeplake.formats.coco;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code segmentation} of a COCO instance annotation: polygons, or a run-length encoding. */
sealed interface Segmentation {

    /**
     * Polygons whose union is the object.
     *
     * @param polygons each a flat list {@code x1, y1, x2, y2, ...} of at least three points, in pixels
     */
    record Polygons(List<float[]> polygons) implements Segmentation {}

    /**
     * A run-length encoding over the pixels in column-major order (down the first column, then the
     * next), runs alternating between 0 and 1 and starting with 0.
     *
     * @param height the encoded image's height
     * @param width the encoded image's width
     * @param counts the run lengths
     */
    record RunLengths(int height, int width, int[] counts) implements Segmentation {}

    /**
     * @param segmentation the annotation's {@code segmentation} value
     * @return the segmentation, or null for none (an empty polygon list)
     * @throws BadJson when it is neither well-formed polygons nor a well-formed RLE
     */
    static Segmentation parse(JsonNode segmentation) {
        if (segmentation.isArray()) {
            return polygons(segmentation);
        }
        if (!segmentation.isObject()) {
            throw new BadJson("\"segmentation\" must be a list of polygons or an RLE object, not " + segmentation);
        }
        JsonNode size = CocoJson.list(segmentation, "size");
        if (size.size() != 2 || !positiveInt(size.get(0)) || !positiveInt(size.get(1))) {
            throw new BadJson("RLE \"size\" must be [height, width], not " + size);
        }
        int height = size.get(0).asInt();
        int width = size.get(1).asInt();
        JsonNode counts = CocoJson.field(segmentation, "counts");
        int[] runs;
        if (counts.isTextual()) {
            runs = Rle.decode(counts.asText());
        } else if (counts.isArray()) {
            runs = new int[counts.size()];
            for (int i = 0; i < runs.length; i++) {
                JsonNode c = counts.get(i);
                if (!c.isIntegralNumber() || !c.canConvertToInt() || c.asInt() < 0) {
                    throw new BadJson("RLE \"counts\"[" + i + "] must be a non-negative integer, not " + c);
                }
                runs[i] = c.asInt();
            }
        } else {
            throw new BadJson("RLE \"counts\" must be a list or a compressed string, not " + counts);
        }
        long total = 0;
        for (int run : runs) {
            total += run;
        }
        if (total > (long) height * width) {
            throw new BadJson("RLE \"counts\" add up to " + total + " pixels, more than the " + height + "x" + width + " = "
                    + (long) height * width + " of its \"size\"");
        }
        return new RunLengths(height, width, runs);
    }

    private static boolean positiveInt(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() && n.asInt() > 0;
    }

    private static Polygons polygons(JsonNode list) {
        List<float[]> polygons = new ArrayList<>(list.size());
        for (int p = 0; p < list.size(); p++) {
            JsonNode polygon = list.get(p);
            if (!polygon.isArray() || polygon.size() < 6 || polygon.size() % 2 != 0) {
                throw new BadJson("\"segmentation\"[" + p + "] must be a list of x, y pairs of at least 3 points, not " + polygon);
            }
            float[] xy = new float[polygon.size()];
            for (int i = 0; i < xy.length; i++) {
                if (!polygon.get(i).isNumber()) {
                    throw new BadJson("\"segmentation\"[" + p + "][" + i + "] must be a number, not " + polygon.get(i));
                }
                xy[i] = polygon.get(i).floatValue();
            }
            polygons.add(xy);
        }
        return polygons.isEmpty() ? null : new Polygons(List.copyOf(polygons));
    }
}
