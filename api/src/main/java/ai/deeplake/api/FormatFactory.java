package ai.deeplake.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Makes a {@link Format} from options given by name, so that a format can be installed as a plugin
 * and chosen by its id ({@code deeplake ingest --format coco -o images=...}, or
 * {@code {"_huggingface": "name"}} for the {@code huggingface} id). One factory can serve many
 * configured instances; the Format itself stays a plain object apps may also construct directly.
 */
public interface FormatFactory extends ExtensionPoint {
    /** @return the id users choose the format by, e.g. {@code "coco"} */
    String id();

    /** @return one line on what the format reads and the options it takes */
    String description();

    /**
     * @param options the user's options by name (paths, numbers and flags as text)
     * @throws IngestError naming the option that is missing or wrong
     */
    Format create(Map<String, String> options);
}
