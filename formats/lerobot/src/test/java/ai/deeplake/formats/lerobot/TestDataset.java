package ai.deeplake.formats.lerobot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes a LeRobot v2 dataset of three episodes in two chunks ({@code chunks_size} 2): Parquet
 * written by DuckDB, one mp4 per camera and episode made by ffmpeg, and the meta files. Values are
 * exact in float so tests compare them with {@code ==}.
 */
final class TestDataset {
    /** Frames per episode; episodes 0 and 1 are chunk 0, episode 2 is chunk 1. */
    static final int[] LENGTHS = {5, 3, 4};
    static final int[] TASK_OF_EPISODE = {0, 1, 0};
    static final List<String> TASKS = List.of("pick up the cube", "open the drawer");
    /** Listed wrist first and exterior 2 before exterior 1: the columns are chosen by name, not order. */
    static final List<String> CAMERAS = List.of("observation.images.wrist_image_left",
            "observation.images.exterior_image_2_left", "observation.images.exterior_image_1_left");
    static final List<String> STATE_NAMES = List.of("x", "y", "z", "roll", "pitch", "yaw", "pad", "gripper");

    private TestDataset() {}

    static float state(int episode, int frame, int k) {
        return episode * 100 + frame + k * 0.125f;
    }

    static float action(int episode, int frame, int k) {
        return -(episode * 100 + frame) - k * 0.25f;
    }

    static float timestamp(int frame) {
        return frame * 0.25f;
    }

    /** @return the global frame index of an episode's first frame */
    static long firstIndex(int episode) {
        long index = 0;
        for (int e = 0; e < episode; e++) {
            index += LENGTHS[e];
        }
        return index;
    }

    static Path video(Path dir, int episode, String camera) {
        return dir.resolve("videos/chunk-%03d/%s/episode_%06d.mp4".formatted(episode / 2, camera, episode));
    }

    static Path parquet(Path dir, int episode) {
        return dir.resolve("data/chunk-%03d/episode_%06d.parquet".formatted(episode / 2, episode));
    }

    /** Writes the whole dataset into {@code dir}. */
    static Path write(Path dir) throws IOException, SQLException, InterruptedException {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/info.json"), """
                {"codebase_version": "v2.0", "robot_type": "panda", "total_episodes": 3, "total_frames": 12,
                 "total_tasks": 2, "total_chunks": 2, "chunks_size": 2, "fps": 4,
                 "data_path": "data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet",
                 "video_path": "videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4",
                 "features": {
                   "%s": {"dtype": "video", "shape": [48, 64, 3], "names": ["height", "width", "channel"]},
                   "%s": {"dtype": "video", "shape": [48, 64, 3], "names": ["height", "width", "channel"]},
                   "%s": {"dtype": "video", "shape": [48, 64, 3], "names": ["height", "width", "channel"]},
                   "observation.state": {"dtype": "float32", "shape": [8], "names": {"motors": %s}},
                   "action": {"dtype": "float32", "shape": [7], "names": null},
                   "timestamp": {"dtype": "float32", "shape": [1], "names": null},
                   "frame_index": {"dtype": "int64", "shape": [1], "names": null},
                   "episode_index": {"dtype": "int64", "shape": [1], "names": null},
                   "index": {"dtype": "int64", "shape": [1], "names": null},
                   "task_index": {"dtype": "int64", "shape": [1], "names": null}
                 }}
                """.formatted(CAMERAS.get(0), CAMERAS.get(1), CAMERAS.get(2), quoted(STATE_NAMES)));
        StringBuilder tasks = new StringBuilder();
        for (int t = 0; t < TASKS.size(); t++) {
            tasks.append("{\"task_index\": ").append(t).append(", \"task\": \"").append(TASKS.get(t)).append("\"}\n");
        }
        Files.writeString(dir.resolve("meta/tasks.jsonl"), tasks);
        StringBuilder episodes = new StringBuilder();
        for (int e = 0; e < LENGTHS.length; e++) {
            episodes.append("{\"episode_index\": ").append(e).append(", \"tasks\": [\"").append(TASKS.get(TASK_OF_EPISODE[e]))
                    .append("\"], \"length\": ").append(LENGTHS[e]).append("}\n");
            // Episode 1 is written with variable-length lists, the others with fixed-size arrays, as LeRobot writers do either.
            writeEpisode(dir, e, 8, 7, e == 1 ? "FLOAT[]" : null);
            for (String camera : CAMERAS) {
                makeVideo(video(dir, e, camera), e, camera);
            }
        }
        Files.writeString(dir.resolve("meta/episodes.jsonl"), episodes);
        return dir;
    }

    /** Copies a written dataset, which is faster than writing another (no ffmpeg). */
    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
        return to;
    }

    /**
     * (Re)writes one episode's Parquet file with vectors of the given lengths.
     *
     * @param listType the SQL type of the vectors, null for fixed-size {@code FLOAT[n]}
     */
    static void writeEpisode(Path dir, int episode, int states, int actions, String listType) throws IOException, SQLException {
        writeFrames(parquet(dir, episode), episode, firstIndex(episode), LENGTHS[episode], states, actions, listType);
    }

    /** Writes an episode's frames, values as {@link #state}, {@link #action} and {@link #timestamp} give them. */
    static void writeFrames(Path file, int episode, long firstIndex, int length, int states, int actions, String listType)
            throws IOException, SQLException {
        Files.createDirectories(file.getParent());
        String stateType = listType != null ? listType : "FLOAT[" + states + "]";
        String actionType = listType != null ? listType : "FLOAT[" + actions + "]";
        sql("COPY (SELECT (" + firstIndex + " + f)::BIGINT AS \"index\", " + episode + "::BIGINT AS episode_index,"
                + " f::BIGINT AS frame_index, " + TASK_OF_EPISODE[episode % TASK_OF_EPISODE.length] + "::BIGINT AS task_index,"
                + " (f * 0.25)::FLOAT AS \"timestamp\","
                + " [(" + episode * 100 + " + f + k * 0.125)::FLOAT FOR k IN range(" + states + ")]::" + stateType + " AS \"observation.state\","
                + " [(-(" + episode * 100 + " + f) - k * 0.25)::FLOAT FOR k IN range(" + actions + ")]::" + actionType + " AS action"
                + " FROM range(" + length + ") t(f)) TO '" + file + "' (FORMAT parquet)");
    }

    /** Runs one statement on a fresh in-memory DuckDB. */
    static void sql(String statement) throws SQLException {
        try (Connection db = Parquet.open(); Statement st = db.createStatement()) {
            st.execute(statement);
        }
    }

    /** A 3-frame clip whose bytes differ per episode and camera (the title is in the file). */
    private static void makeVideo(Path file, int episode, String camera) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=4",
                "-frames:v", "3", "-pix_fmt", "yuv420p", "-metadata", "title=" + episode + "/" + camera, file.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ffmpeg failed for " + file + ": " + log);
        }
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "\"" + n + "\"").toList().toString();
    }
}
