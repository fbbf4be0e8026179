package ai.deeplake.formats.coco;

import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a COCO file's {@code images} list.
 *
 * @param id the image id annotations refer to
 * @param fileName the image file, relative to the images folder
 * @param width width in pixels
 * @param height height in pixels
 */
record CocoImage(long id, String fileName, int width, int height) {

    /** @throws BadJson when a field is missing or of the wrong type */
    static CocoImage parse(JsonNode element) {
        return new CocoImage(CocoJson.integer(element, "id"), CocoJson.text(element, "file_name"),
                CocoJson.positive(element, "width"), CocoJson.positive(element, "height"));
    }

    /**
     * @return the bytes of a file the dataset lists, or empty when it is not there
     * @throws IngestError when it is there but cannot be read
     */
    static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IngestError("Reading " + file + " failed: " + e.getMessage(), e);
        }
    }

    /** Puts the columns both COCO formats share: coco_image_id, image, width, height, filename, categories. */
    static void columns(Map<String, Object> columns, List<CocoImage> images, byte[][] bytes, String categories) {
        int n = images.size();
        long[] ids = new long[n];
        long[] widths = new long[n];
        long[] heights = new long[n];
        String[] names = new String[n];
        String[] cats = new String[n];
        for (int i = 0; i < n; i++) {
            CocoImage image = images.get(i);
            ids[i] = image.id();
            widths[i] = image.width();
            heights[i] = image.height();
            names[i] = image.fileName();
            cats[i] = categories;
        }
        columns.put(CocoColumns.COCO_IMAGE_ID, ids);
        columns.put(CocoColumns.IMAGE, bytes);
        columns.put(CocoColumns.WIDTH, widths);
        columns.put(CocoColumns.HEIGHT, heights);
        columns.put(CocoColumns.FILENAME, names);
        columns.put(CocoColumns.CATEGORIES, cats);
    }
}
