package ai.deeplake.formats.coco;

import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the top-level lists of a COCO JSON file ({@code images}, {@code annotations},
 * {@code categories}) element by element with Jackson's streaming parser, so that only one element is
 * a tree at a time: a train split's instances file is hundreds of megabytes.
 */
final class CocoJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private CocoJson() {}

    /**
     * Hands every element of each named top-level list to its consumer, in file order. A consumer
     * throws {@link BadJson} for a malformed element.
     *
     * @param required the lists the file must have
     * @throws IngestError naming the file (and the element) when the file is missing, not JSON, lacks a
     *     required list or has a malformed element
     */
    static void read(Path file, Map<String, Consumer<JsonNode>> lists, Set<String> required) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IngestError("File not found: " + file);
        }
        Set<String> seen = new HashSet<>();
        try (JsonParser p = MAPPER.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IngestError(file + ": not a COCO file (expected a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                Consumer<JsonNode> consumer = lists.get(key);
                if (consumer == null) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new IngestError(file + ": \"" + key + "\" must be a list, not " + value);
                }
                seen.add(key);
                int index = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode element = p.readValueAsTree();
                    try {
                        consumer.accept(element);
                    } catch (BadJson e) {
                        throw new IngestError(where(file, key, index, element) + ": " + e.getMessage());
                    }
                    index++;
                }
            }
        } catch (JsonProcessingException e) {
            throw new IngestError(file + ": not valid JSON: " + e.getOriginalMessage() + " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        for (String list : required) {
            if (!seen.contains(list)) {
                throw new IngestError(file + ": no \"" + list + "\" list");
            }
        }
    }

    /** @return how an error names an element: {@code file: annotations[3] (id 12)} */
    static String where(Path file, String list, int index, JsonNode element) {
        JsonNode id = element.get("id");
        return file + ": " + list + "[" + index + "]" + (id != null && id.isIntegralNumber() ? " (id " + id.asLong() + ")" : "");
    }

    /** @return the element's integer field */
    static long integer(JsonNode element, String key) {
        JsonNode value = field(element, key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadJson("\"" + key + "\" must be an integer, not " + value);
        }
        return value.asLong();
    }

    /** @return the element's positive integer field that fits an int (a width or height) */
    static int positive(JsonNode element, String key) {
        long value = integer(element, key);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new BadJson("\"" + key + "\" must be a positive integer, not " + value);
        }
        return (int) value;
    }

    /** @return the element's text field */
    static String text(JsonNode element, String key) {
        JsonNode value = field(element, key);
        if (!value.isTextual()) {
            throw new BadJson("\"" + key + "\" must be a string, not " + value);
        }
        return value.asText();
    }

    /** @return the element's list field */
    static JsonNode list(JsonNode element, String key) {
        JsonNode value = field(element, key);
        if (!value.isArray()) {
            throw new BadJson("\"" + key + "\" must be a list, not " + value);
        }
        return value;
    }

    /** @return the element's field, which must be there */
    static JsonNode field(JsonNode element, String key) {
        if (!element.isObject()) {
            throw new BadJson("must be an object, not " + element);
        }
        JsonNode value = element.get(key);
        if (value == null || value.isNull()) {
            throw new BadJson("\"" + key + "\" is missing");
        }
        return value;
    }

    /** @return the value as JSON text */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree did not serialize", e);
        }
    }
}
