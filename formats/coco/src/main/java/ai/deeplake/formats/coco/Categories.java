package ai.deeplake.formats.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collects a COCO file's {@code categories} list: its JSON (the categories column) and the ids,
 * which masks store per pixel and which annotations must use.
 */
final class Categories implements Consumer<JsonNode> {
    /** The largest id a 16-bit mask pixel holds; 0 is the background. */
    static final long MAX_ID = 0xFFFF;

    private final ArrayNode all = CocoJson.MAPPER.createArrayNode();
    private final Set<Long> ids = new HashSet<>();
    private long maxId;

    @Override
    public void accept(JsonNode element) {
        long id = CocoJson.integer(element, "id");
        if (id < 1 || id > MAX_ID) {
            throw new BadJson("category id " + id + " is outside 1.." + MAX_ID + " (0 is the mask background)");
        }
        if (!ids.add(id)) {
            throw new BadJson("category id " + id + " appears twice");
        }
        maxId = Math.max(maxId, id);
        all.add(element);
    }

    /** @return true when the file lists the category */
    boolean has(long id) {
        return ids.contains(id);
    }

    /** @return the largest category id, 0 when there are none */
    long maxId() {
        return maxId;
    }

    /** @return the categories list as JSON text */
    String json() {
        return CocoJson.write(all);
    }
}
