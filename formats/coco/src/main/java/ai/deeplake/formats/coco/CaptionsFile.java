package ai.deeplake.formats.coco;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A COCO captions file: the captions of each image id, in file order. */
final class CaptionsFile {
    private final Map<Long, List<String>> byImage = new HashMap<>();

    private CaptionsFile() {}

    /** @throws IngestError naming the file and the element when it is missing or malformed */
    static CaptionsFile read(Path file) throws IOException {
        CaptionsFile f = new CaptionsFile();
        CocoJson.read(file, Map.of("annotations", e -> {
            long imageId = CocoJson.integer(e, "image_id");
            String caption = CocoJson.text(e, "caption");
            f.byImage.computeIfAbsent(imageId, id -> new ArrayList<>()).add(caption);
        }), Set.of("annotations"));
        return f;
    }

    /** @return the image's captions as a JSON list */
    String json(long imageId) {
        return CocoJson.write(byImage.getOrDefault(imageId, List.of()));
    }

    /** An empty file: every image gets {@code []}. */
    static CaptionsFile none() {
        return new CaptionsFile();
    }
}
