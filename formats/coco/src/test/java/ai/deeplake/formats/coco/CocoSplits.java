package ai.deeplake.formats.coco;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Small COCO splits written by the tests: {@code coco/val2017} with three images of different sizes
 * and {@code coco/annotations/{instances,captions}_val2017.json}, and a panoptic split.
 *
 * <p>Instances (category ids 3 box, 5 crowd, 7 square):
 * <ul>
 *   <li>image 1, 40x30 PNG: annotation 101, the rectangle polygon x 10..30, y 5..20, category 3; then
 *       annotation 102, the rectangle x 25..35, y 15..25, category 7, drawn over it;</li>
 *   <li>image 2, 20x10 JPEG: annotation 201, crowd, uncompressed RLE [23, 4, 6, 4, 163] of category 5:
 *       pixels 23..26 and 33..36 in column-major order, i.e. x 2 and 3, y 3..6;</li>
 *   <li>image 3, 6x4 PNG: annotation 301, compressed RLE "5:3L" = [5, 10, 3, 6] of category 3.</li>
 * </ul>
 * Captions: two for image 1, one for image 2, none for image 3.
 */
final class CocoSplits {
    static final ObjectMapper JSON = new ObjectMapper();

    private CocoSplits() {}

    /** @return the images folder {@code root/coco/val2017}, with the annotation files next to it */
    static Path instances(Path root) throws IOException {
        Path images = Files.createDirectories(root.resolve("coco/val2017"));
        image(images.resolve("000001.png"), 40, 30, Color.RED, "png");
        image(images.resolve("000002.jpg"), 20, 10, Color.GREEN, "jpg");
        image(images.resolve("000003.png"), 6, 4, Color.BLUE, "png");
        Path annotations = Files.createDirectories(root.resolve("coco/annotations"));
        write(annotations.resolve("instances_val2017.json"), instancesJson());
        write(annotations.resolve("captions_val2017.json"), captionsJson());
        return images;
    }

    /** @return the instances file's content, for tests to break */
    static ObjectNode instancesJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("info").put("description", "test split");
        ArrayNode images = root.putArray("images");
        images.add(imageEntry(1, "000001.png", 40, 30));
        images.add(imageEntry(2, "000002.jpg", 20, 10));
        images.add(imageEntry(3, "000003.png", 6, 4));
        ArrayNode annotations = root.putArray("annotations");
        annotations.add(annotation(101, 1, 3, 0, new double[] {10, 5, 20, 15}, 300)
                .set("segmentation", JSON.valueToTree(List.of(List.of(10, 5, 30, 5, 30, 20, 10, 20)))));
        annotations.add(annotation(102, 1, 7, 0, new double[] {25, 15, 10, 10}, 100)
                .set("segmentation", JSON.valueToTree(List.of(List.of(25, 15, 35, 15, 35, 25, 25, 25)))));
        ObjectNode rle = JSON.createObjectNode();
        rle.set("counts", JSON.valueToTree(List.of(23, 4, 6, 4, 163)));
        rle.set("size", JSON.valueToTree(List.of(10, 20)));
        annotations.add(annotation(201, 2, 5, 1, new double[] {2, 3, 2, 4}, 8).set("segmentation", rle));
        ObjectNode compressed = JSON.createObjectNode();
        compressed.put("counts", "5:3L");
        compressed.set("size", JSON.valueToTree(List.of(4, 6)));
        annotations.add(annotation(301, 3, 3, 0, new double[] {1, 0, 5, 4}, 16).set("segmentation", compressed));
        ArrayNode categories = root.putArray("categories");
        categories.add(category(3, "box"));
        categories.add(category(5, "crowd"));
        categories.add(category(7, "square"));
        return root;
    }

    static ObjectNode captionsJson() {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("images").add(imageEntry(1, "000001.png", 40, 30));
        ArrayNode annotations = root.putArray("annotations");
        annotations.add(JSON.createObjectNode().put("id", 1).put("image_id", 1).put("caption", "A red box."));
        annotations.add(JSON.createObjectNode().put("id", 2).put("image_id", 2).put("caption", "A green crowd."));
        annotations.add(JSON.createObjectNode().put("id", 3).put("image_id", 1).put("caption", "Two boxes."));
        return root;
    }

    /**
     * A panoptic split: images 1 (8x6) and 2 (5x5) in {@code root/panoptic/val2017}, their PNGs in
     * {@code root/panoptic/annotations/panoptic_val2017/} (segment ids as R + 256 G + 65536 B) and the
     * JSON {@code root/panoptic/annotations/panoptic_val2017.json}.
     *
     * @return the images folder
     */
    static Path panoptic(Path root) throws IOException {
        Path images = Files.createDirectories(root.resolve("panoptic/val2017"));
        image(images.resolve("000001.jpg"), 8, 6, Color.ORANGE, "jpg");
        image(images.resolve("000002.jpg"), 5, 5, Color.CYAN, "jpg");
        Path masks = Files.createDirectories(root.resolve("panoptic/annotations/panoptic_val2017"));
        image(masks.resolve("000001.png"), 8, 6, new Color(1, 1, 0), "png");
        image(masks.resolve("000002.png"), 5, 5, new Color(2, 0, 0), "png");
        ObjectNode json = JSON.createObjectNode();
        ArrayNode list = json.putArray("images");
        list.add(imageEntry(1, "000001.jpg", 8, 6));
        list.add(imageEntry(2, "000002.jpg", 5, 5));
        ArrayNode annotations = json.putArray("annotations");
        annotations.add(panopticAnnotation(1, "000001.png", 257, 1));
        annotations.add(panopticAnnotation(2, "000002.png", 2, 184));
        ArrayNode categories = json.putArray("categories");
        categories.add(category(1, "person").put("isthing", 1));
        categories.add(category(184, "tree-merged").put("isthing", 0));
        write(root.resolve("panoptic/annotations/panoptic_val2017.json"), json);
        return images;
    }

    static ObjectNode panopticAnnotation(long imageId, String file, long segmentId, long categoryId) {
        ObjectNode a = JSON.createObjectNode().put("image_id", imageId).put("file_name", file);
        a.putArray("segments_info").add(JSON.createObjectNode().put("id", segmentId).put("category_id", categoryId)
                .put("iscrowd", 0).put("area", 25));
        return a;
    }

    static ObjectNode imageEntry(long id, String file, int width, int height) {
        return JSON.createObjectNode().put("id", id).put("file_name", file).put("width", width).put("height", height);
    }

    static ObjectNode annotation(long id, long imageId, long categoryId, int crowd, double[] bbox, double area) {
        ObjectNode a = JSON.createObjectNode().put("id", id).put("image_id", imageId).put("category_id", categoryId)
                .put("iscrowd", crowd).put("area", area);
        a.set("bbox", JSON.valueToTree(bbox));
        return a;
    }

    static ObjectNode category(long id, String name) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("supercategory", "thing");
    }

    static void write(Path file, ObjectNode json) throws IOException {
        JSON.writeValue(file.toFile(), json);
    }

    static void image(Path file, int width, int height, Color color, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, color.getRGB());
            }
        }
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
    }
}
