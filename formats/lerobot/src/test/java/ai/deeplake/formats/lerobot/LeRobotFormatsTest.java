package ai.deeplake.formats.lerobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.Format;
import ai.deeplake.api.FormatFactory;
import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The formats on their own: batching, camera columns, factories, and every malformed dataset. */
class LeRobotFormatsTest {
    @TempDir
    static Path data;
    static Path dataset;

    @TempDir
    Path scratch;

    @BeforeAll
    static void writeDataset() throws Exception {
        dataset = TestDataset.write(data.resolve("droid"));
    }

    @Test
    void framesComeInBatchesOfPrimitiveArrays() {
        List<Batch> batches = new ArrayList<>();
        new LeRobotFrames(dataset, 0, 1).normalize(batches::add);
        // One query per chunk, each ending in a partial batch.
        assertEquals(List.of(8, 4), batches.stream().map(Batch::size).toList());
        Batch second = batches.get(1);
        assertArrayEquals(new long[] {8, 9, 10, 11}, second.longs("index"));
        assertArrayEquals(new float[] {200.875f, 201.875f, 202.875f, 203.875f}, second.floats("state_gripper"));
        assertArrayEquals(new float[] {-201.5f, -202.5f, -203.5f, -204.5f}, second.floats("action_gripper"),
                "action entry 6 of episode 2");
    }

    /** Full batches are handed over, not refilled: the first batch still holds its own rows after the last is made. */
    @Test
    void longEpisodeComesInFullBatchesThenTheRest() throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("long/meta"));
        Files.writeString(dir.resolve("info.json"), "{\"codebase_version\": \"v2.1\", \"chunks_size\": 1000}");
        Files.writeString(dir.resolve("episodes.jsonl"), "{\"episode_index\": 0, \"tasks\": [\"t\"], \"length\": 4500}\n");
        TestDataset.writeFrames(scratch.resolve("long/data/chunk-000/episode_000000.parquet"), 0, 0, 4500, 8, 7, null);
        List<Batch> batches = new ArrayList<>();
        new LeRobotFrames(scratch.resolve("long"), 0, 0).normalize(batches::add);
        assertEquals(List.of(2000, 2000, 500), batches.stream().map(Batch::size).toList());
        for (int b = 0; b < batches.size(); b++) {
            long[] index = batches.get(b).longs("index");
            float[] pad = batches.get(b).floats("state_pad");
            for (int i = 0; i < index.length; i++) {
                int frame = b * 2000 + i;
                assertEquals(frame, index[i]);
                assertEquals(TestDataset.state(0, frame, 6), pad[i]);
            }
        }
    }

    @Test
    void camerasArePlacedByNameThenByOrder() {
        assertEquals(Map.of("exterior_1_video", TestDataset.CAMERAS.get(2), "exterior_2_video", TestDataset.CAMERAS.get(1),
                "wrist_video", TestDataset.CAMERAS.get(0)), new LeRobotEpisodes(dataset, 0, 0).cameras());
        assertEquals(Map.of("exterior_1_video", "observation.images.top", "exterior_2_video", "observation.images.side",
                "wrist_video", "observation.images.hand_wrist"),
                CameraColumns.of(List.of("observation.images.hand_wrist", "observation.images.top", "observation.images.side", "extra")));
        assertEquals(Map.of("exterior_1_video", "cam_high"), CameraColumns.of(List.of("cam_high")));
    }

    @Test
    void factoriesMakeTheFormatsFromOptions() throws IOException {
        Map<String, String> options = Map.of("path", dataset.toString(), "chunk-start", "1", "chunk-end", "1");
        Format frames = new LeRobotFramesFactory().create(options);
        List<Batch> batches = new ArrayList<>();
        frames.normalize(batches::add);
        assertArrayEquals(new long[] {2, 2, 2, 2}, batches.get(0).longs("episode_index"));
        assertInstanceOf(LeRobotEpisodes.class, new LeRobotEpisodesFactory().create(options));
        assertInstanceOf(LeRobotTasks.class, new LeRobotTasksFactory().create(Map.of("dataset", dataset.toString())));
        assertEquals(List.of("lerobot-tasks", "lerobot-frames", "lerobot-episodes"),
                Stream.of(new LeRobotTasksFactory(), new LeRobotFramesFactory(), new LeRobotEpisodesFactory()).map(FormatFactory::id).toList());
    }

    @Test
    void factoriesNameTheMissingOrWrongOption() {
        LeRobotFramesFactory factory = new LeRobotFramesFactory();
        assertEquals("format lerobot-frames needs the option path=<LeRobot dataset folder> (or dataset=...)",
                assertThrows(IngestError.class, () -> factory.create(Map.of("chunk-start", "0"))).getMessage());
        assertEquals("format lerobot-frames needs the option chunk-end=<chunk number> (chunk-end is inclusive)",
                assertThrows(IngestError.class, () -> factory.create(Map.of("path", dataset.toString(), "chunk-start", "0"))).getMessage());
        assertEquals("format lerobot-episodes: option chunk-start must be a chunk number, got 'first'",
                assertThrows(IngestError.class, () -> new LeRobotEpisodesFactory()
                        .create(Map.of("path", dataset.toString(), "chunk-start", "first", "chunk-end", "1"))).getMessage());
    }

    /** What is done to a fresh copy of the dataset before the format reads it. */
    interface Damage {
        void apply(Path dir) throws Exception;
    }

    /** Makes a format over the damaged copy. */
    interface Maker {
        Format make(Path dir);
    }

    static Stream<Arguments> malformed() {
        Maker tasks = LeRobotTasks::new;
        Maker frames = dir -> new LeRobotFrames(dir, 0, 1);
        Maker episodes = dir -> new LeRobotEpisodes(dir, 0, 1);
        return Stream.of(
                Arguments.of("missing dataset folder", (Damage) LeRobotFormatsTest::delete, frames,
                        "droid: LeRobot dataset folder does not exist"),
                Arguments.of("missing meta/info.json", damage(dir -> Files.delete(dir.resolve("meta/info.json"))), tasks,
                        "droid/meta/info.json: missing"),
                Arguments.of("meta/info.json not JSON", damage(dir -> Files.writeString(dir.resolve("meta/info.json"), "{\"chunks_size\": ")),
                        episodes, "droid/meta/info.json: not readable as JSON"),
                Arguments.of("LeRobot v3 dataset", damage(dir -> Files.writeString(dir.resolve("meta/info.json"),
                        "{\"codebase_version\": \"v3.0\", \"chunks_size\": 1000}")), frames,
                        "droid/meta/info.json: codebase_version v3.0 is not supported; the LeRobot formats read the v2 layout"),
                Arguments.of("unknown field in data_path", damage(dir -> Files.writeString(dir.resolve("meta/info.json"),
                        "{\"data_path\": \"data/{chunk}/episode_{episode_index:06d}.parquet\"}")), frames,
                        "droid/meta/info.json: unknown field {chunk} in path template data/{chunk}/episode_{episode_index:06d}.parquet"),
                Arguments.of("state names that repeat", damage(dir -> Files.writeString(dir.resolve("meta/info.json"),
                        "{\"features\": {\"observation.state\": {\"names\": [\"x\", \"X\"]}}}")), frames,
                        "droid/meta/info.json: the names [x, x] repeat one"),
                Arguments.of("missing meta/tasks.jsonl", damage(dir -> Files.delete(dir.resolve("meta/tasks.jsonl"))), tasks,
                        "droid/meta/tasks.jsonl: missing"),
                Arguments.of("missing meta/episodes.jsonl", damage(dir -> Files.delete(dir.resolve("meta/episodes.jsonl"))), frames,
                        "droid/meta/episodes.jsonl: missing"),
                Arguments.of("episode line without its index", damage(dir -> Files.writeString(dir.resolve("meta/episodes.jsonl"),
                        "{\"tasks\": [], \"length\": 3}\n", java.nio.file.StandardOpenOption.APPEND)), episodes,
                        "droid/meta/episodes.jsonl:4: not a valid line: needs an episode_index"),
                Arguments.of("chunk without a data folder", damage(dir -> { }), (Maker) dir -> new LeRobotFrames(dir, 1, 2),
                        "droid/data/chunk-002: no data folder for chunk 2 (info.json: total_chunks 2)"),
                Arguments.of("chunk folder deleted", damage(dir -> delete(dir.resolve("data/chunk-001"))), episodes,
                        "droid/data/chunk-001: no data folder for chunk 1"),
                Arguments.of("missing episode Parquet", damage(dir -> Files.delete(TestDataset.parquet(dir, 1))), frames,
                        "droid/data/chunk-000/episode_000001.parquet: missing"),
                Arguments.of("Parquet without observation.state", damage(dir -> TestDataset.sql("COPY (SELECT 0::BIGINT AS \"index\","
                        + " 1::BIGINT AS episode_index, 0::BIGINT AS frame_index, 0::BIGINT AS task_index, 0::FLOAT AS \"timestamp\","
                        + " [1.0]::FLOAT[] AS action) TO '" + TestDataset.parquet(dir, 1) + "' (FORMAT parquet)")), frames,
                        "droid/data/chunk-000/episode_000001.parquet: no column 'observation.state'"),
                Arguments.of("state vector of 7 values", damage(dir -> TestDataset.writeEpisode(dir, 2, 7, 7, null)), frames,
                        "droid/data/chunk-001/episode_000002.parquet: observation.state of frame 0 has 7 values, expected 8"),
                Arguments.of("action list of 6 values", damage(dir -> TestDataset.writeEpisode(dir, 0, 8, 6, "FLOAT[]")), frames,
                        "droid/data/chunk-000/episode_000000.parquet: action of frame 0 has 6 values, expected 7"),
                Arguments.of("missing camera video", damage(dir -> Files.delete(TestDataset.video(dir, 2, TestDataset.CAMERAS.get(1)))),
                        episodes, "droid/videos/chunk-001/observation.images.exterior_image_2_left/episode_000002.mp4: missing video"
                                + " of camera observation.images.exterior_image_2_left for episode 2"),
                Arguments.of("chunkStart after chunkEnd", damage(dir -> { }), (Maker) dir -> new LeRobotEpisodes(dir, 1, 0),
                        "chunkStart (1) is after chunkEnd (0); chunkEnd is inclusive"),
                Arguments.of("negative chunkStart", damage(dir -> { }), (Maker) dir -> new LeRobotFrames(dir, -1, 0),
                        "chunkStart must be at least 0, got -1"));
    }

    private static Damage damage(Damage d) {
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDatasetIsAnIngestErrorNamingWhatIsWrong(String name, Damage damage, Maker maker, String expected) throws Exception {
        Path dir = TestDataset.copy(dataset, scratch.resolve("droid"));
        damage.apply(dir);
        IngestError error = assertThrows(IngestError.class, () -> maker.make(dir).normalize(batch -> { }));
        String message = error.getMessage().replace(scratch + "/", "");
        assertTrue(message.startsWith(expected), name + ": " + error.getMessage());
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
