package ai.deeplake.formats.lerobot;

import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the three LeRobot factories share: the dataset folder is the option {@code path} (what
 * {@code deeplake ingest --format lerobot-frames DATASET} passes) or {@code dataset}; frames and
 * episodes also take {@code chunk-start} and {@code chunk-end} (inclusive).
 */
abstract class LeRobotFormatFactory implements FormatFactory {
    static final String CHUNK_START = "chunk-start";
    static final String CHUNK_END = "chunk-end";

    @Override
    public final Format create(Map<String, String> options) {
        String dir = options.getOrDefault("path", options.get("dataset"));
        if (dir == null || dir.isBlank()) {
            throw new IngestError("format " + id() + " needs the option path=<LeRobot dataset folder> (or dataset=...)");
        }
        return create(Path.of(dir), options);
    }

    abstract Format create(Path datasetDir, Map<String, String> options);

    /** @return the option as a chunk number */
    final int chunk(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IngestError("format " + id() + " needs the option " + key + "=<chunk number> (" + CHUNK_END + " is inclusive)");
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IngestError("format " + id() + ": option " + key + " must be a chunk number, got '" + value + "'", e);
        }
    }
}
