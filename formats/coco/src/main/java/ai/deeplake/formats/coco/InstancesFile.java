package ai.deeplake.formats.coco;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A COCO instances file, read and checked whole before any row is made: its images in file order,
 * each image's annotations and the categories. Image bytes are not read here.
 */
final class InstancesFile {
    private final List<CocoImage> images = new ArrayList<>();
    private final Map<Long, List<Instance>> byImage = new HashMap<>();
    private final Categories categories = new Categories();

    private InstancesFile() {}

    /**
     * @throws IngestError naming the file and the element when a list is missing, an element is
     *     malformed, an image id repeats, or an annotation names an image or category the file does
     *     not list or has an RLE of another size than its image
     */
    static InstancesFile read(Path file) throws IOException {
        InstancesFile f = new InstancesFile();
        List<Instance> instances = new ArrayList<>();
        CocoJson.read(file, Map.of(
                "images", e -> f.images.add(CocoImage.parse(e)),
                "annotations", e -> instances.add(Instance.parse(e, instances.size())),
                "categories", f.categories), Set.of("images", "annotations", "categories"));
        Map<Long, CocoImage> imagesById = new LinkedHashMap<>();
        for (int i = 0; i < f.images.size(); i++) {
            CocoImage image = f.images.get(i);
            if (imagesById.put(image.id(), image) != null) {
                throw new IngestError(file + ": images[" + i + "] (id " + image.id() + "): the image id appears twice");
            }
        }
        for (Instance a : instances) {
            String where = file + ": annotations[" + a.index() + "] (id " + a.id() + "): ";
            CocoImage image = imagesById.get(a.imageId());
            if (image == null) {
                throw new IngestError(where + "image_id " + a.imageId() + " is not in \"images\"");
            }
            if (!f.categories.has(a.categoryId())) {
                throw new IngestError(where + "category_id " + a.categoryId() + " is not in \"categories\"");
            }
            if (a.segmentation() instanceof Segmentation.RunLengths r && (r.height() != image.height() || r.width() != image.width())) {
                throw new IngestError(where + "RLE \"size\" [" + r.height() + ", " + r.width() + "] is not the image's [height, width] ["
                        + image.height() + ", " + image.width() + "]");
            }
            f.byImage.computeIfAbsent(a.imageId(), id -> new ArrayList<>()).add(a);
        }
        return f;
    }

    /** @return the images in file order */
    List<CocoImage> images() {
        return images;
    }

    /** @return the image's annotations in file order, empty when it has none */
    List<Instance> annotations(long imageId) {
        return byImage.getOrDefault(imageId, List.of());
    }

    Categories categories() {
        return categories;
    }
}
