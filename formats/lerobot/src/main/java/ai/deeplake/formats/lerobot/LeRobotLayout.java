package ai.deeplake.formats.lerobot;

import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where the parts of a LeRobot v2 dataset are, read from {@code meta/info.json}: the chunk size, the
 * data and video path templates, the camera (video) features and the names of the state and action
 * vector entries. Opening checks that the folder and {@code meta/info.json} exist.
 */
final class LeRobotLayout {
    static final String STATE = "observation.state";
    static final String ACTION = "action";
    /** DROID's state and action names, used when info.json names none. */
    static final List<String> DEFAULT_STATE_NAMES = List.of("x", "y", "z", "roll", "pitch", "yaw", "pad", "gripper");
    static final List<String> DEFAULT_ACTION_NAMES = List.of("x", "y", "z", "roll", "pitch", "yaw", "gripper");

    // LeRobot's own defaults (lerobot/common/datasets/utils.py) for an info.json that omits them.
    private static final int DEFAULT_CHUNKS_SIZE = 1000;
    private static final String DEFAULT_DATA_PATH = "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet";
    private static final String DEFAULT_VIDEO_PATH = "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One line of {@code meta/episodes.jsonl}.
     *
     * @param index the episode_index
     * @param tasks the episode's task descriptions
     * @param length its number of frames
     */
    record Episode(int index, List<String> tasks, long length) {}

    /**
     * One line of {@code meta/tasks.jsonl}.
     *
     * @param index the task_index
     * @param task the task description
     */
    record Task(long index, String task) {}

    private final Path dir;
    private final int chunksSize;
    private final int totalChunks;
    private final PathTemplate dataPath;
    private final PathTemplate videoPath;
    private final List<String> videoKeys;
    private final List<String> stateNames;
    private final List<String> actionNames;

    private LeRobotLayout(Path dir, JsonNode info) {
        this.dir = dir;
        this.chunksSize = info.path("chunks_size").asInt(DEFAULT_CHUNKS_SIZE);
        this.totalChunks = info.path("total_chunks").asInt(-1);
        this.dataPath = new PathTemplate(info.path("data_path").asText(DEFAULT_DATA_PATH));
        this.videoPath = new PathTemplate(info.path("video_path").asText(DEFAULT_VIDEO_PATH));
        JsonNode features = info.path("features");
        List<String> videos = new ArrayList<>();
        features.fieldNames().forEachRemaining(name -> {
            if ("video".equals(features.path(name).path("dtype").asText())) {
                videos.add(name);
            }
        });
        this.videoKeys = List.copyOf(videos);
        this.stateNames = names(features.path(STATE), DEFAULT_STATE_NAMES);
        this.actionNames = names(features.path(ACTION), DEFAULT_ACTION_NAMES);
        if (chunksSize < 1) {
            throw new IngestError(infoFile(dir) + ": chunks_size must be at least 1, got " + chunksSize);
        }
        for (List<String> names : List.of(stateNames, actionNames)) {
            if (Set.copyOf(names).size() != names.size()) {
                throw new IngestError(infoFile(dir) + ": the names " + names + " repeat one, so they cannot name columns");
            }
        }
        // Format both templates once, so that an unknown field fails here, naming info.json.
        try {
            dataFile(0);
            videoFile(0, "camera");
        } catch (IllegalArgumentException e) {
            throw new IngestError(infoFile(dir) + ": " + e.getMessage(), e);
        }
    }

    /** @throws IngestError when the folder or its {@code meta/info.json} is missing or unreadable */
    static LeRobotLayout open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IngestError(dir + ": LeRobot dataset folder does not exist");
        }
        Path info = infoFile(dir);
        requireFile(info);
        JsonNode json;
        try {
            json = JSON.readTree(info.toFile());
        } catch (IOException e) {
            throw new IngestError(info + ": not readable as JSON: " + e.getMessage(), e);
        }
        // v3 keeps many episodes per Parquet file and the episode list in Parquet: another layout.
        String version = json.path("codebase_version").asText("v2");
        if (!version.startsWith("v2")) {
            throw new IngestError(info + ": codebase_version " + version + " is not supported; the LeRobot formats read the v2 layout");
        }
        return new LeRobotLayout(dir, json);
    }

    private static Path infoFile(Path dir) {
        return dir.resolve("meta").resolve("info.json");
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IngestError(file + ": missing; a LeRobot v2 dataset has meta/info.json, meta/tasks.jsonl and meta/episodes.jsonl");
        }
    }

    /**
     * The names of a vector feature's entries: info.json's {@code names}, a list or (as LeRobot also
     * writes) an object holding one list, lower-cased; otherwise the defaults.
     */
    private static List<String> names(JsonNode feature, List<String> defaults) {
        JsonNode names = feature.path("names");
        if (names.isObject() && names.size() == 1) {
            names = names.elements().next();
        }
        if (!names.isArray() || names.isEmpty()) {
            return defaults;
        }
        List<String> out = new ArrayList<>();
        names.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")));
        return List.copyOf(out);
    }

    Path dir() {
        return dir;
    }

    /** @return the camera features ({@code dtype: video}) in info.json's order */
    List<String> videoKeys() {
        return videoKeys;
    }

    List<String> stateNames() {
        return stateNames;
    }

    List<String> actionNames() {
        return actionNames;
    }

    int chunkOf(int episode) {
        return episode / chunksSize;
    }

    Path dataFile(int episode) {
        return dir.resolve(dataPath.format(Map.of("episode_chunk", chunkOf(episode), "episode_index", episode)));
    }

    Path videoFile(int episode, String videoKey) {
        return dir.resolve(videoPath.format(Map.of("episode_chunk", chunkOf(episode), "episode_index", episode, "video_key", videoKey)));
    }

    /** @throws IngestError when the chunk has no data folder */
    void requireChunk(int chunk) {
        Path folder = dataFile(chunk * chunksSize).getParent();
        if (!Files.isDirectory(folder)) {
            String known = totalChunks > 0 ? " (info.json: total_chunks " + totalChunks + ")" : "";
            throw new IngestError(folder + ": no data folder for chunk " + chunk + known);
        }
    }

    /**
     * @return the episodes of {@code meta/episodes.jsonl} whose chunk is in the range, by chunk, in
     *     episode order; every chunk of the range is checked to have its data folder
     */
    TreeMap<Integer, List<Episode>> episodes(ChunkRange range) {
        for (int chunk = range.start(); chunk <= range.end(); chunk++) {
            requireChunk(chunk);
        }
        TreeMap<Integer, List<Episode>> byChunk = new TreeMap<>();
        forEachLine(dir.resolve("meta").resolve("episodes.jsonl"), LeRobotLayout::episode, episode -> {
            if (range.contains(chunkOf(episode.index()))) {
                byChunk.computeIfAbsent(chunkOf(episode.index()), c -> new ArrayList<>()).add(episode);
            }
        });
        byChunk.values().forEach(list -> list.sort(Comparator.comparingInt(Episode::index)));
        return byChunk;
    }

    private static Episode episode(JsonNode line) {
        JsonNode index = line.path("episode_index");
        if (!index.canConvertToInt() || index.asInt() < 0) {
            throw new IllegalArgumentException("needs an episode_index of 0 or more");
        }
        JsonNode length = line.path("length");
        if (!length.canConvertToLong()) {
            throw new IllegalArgumentException("needs the episode's length");
        }
        List<String> tasks = new ArrayList<>();
        line.path("tasks").forEach(t -> tasks.add(t.asText()));
        return new Episode(index.asInt(), List.copyOf(tasks), length.asLong());
    }

    /** Hands each line of {@code meta/tasks.jsonl} on, in file order. */
    void forEachTask(Consumer<Task> out) {
        forEachLine(dir.resolve("meta").resolve("tasks.jsonl"), line -> {
            JsonNode index = line.path("task_index");
            JsonNode task = line.path("task");
            if (!index.canConvertToLong() || !task.isTextual()) {
                throw new IllegalArgumentException("needs a task_index and a task");
            }
            return new Task(index.asLong(), task.asText());
        }, out);
    }

    /** Parses a JSON-lines file line by line; a bad line is an error naming the file and line. */
    private static <T> void forEachLine(Path file, Function<JsonNode, T> parse, Consumer<T> out) {
        requireFile(file);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                T value;
                try {
                    value = parse.apply(JSON.readTree(line));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IngestError(file + ":" + number + ": not a valid line: " + e.getMessage(), e);
                }
                out.accept(value);
            }
        } catch (IOException e) {
            throw new IngestError(file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
