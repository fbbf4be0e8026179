package ai.deeplake.formats.lerobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.ClientFixture;
import ai.deeplake.IngestOptions;
import ai.deeplake.Row;
import ai.deeplake.api.IngestError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three LeRobot tables ingested through the real Client and read back with SQL; run embedded
 * ({@link LeRobotIngestTest}) and against a server on loopback ({@link RemoteLeRobotIngestTest}).
 */
abstract class LeRobotIngestSuite extends ClientFixture {
    private static final List<String> ACTION_NAMES = List.of("x", "y", "z", "roll", "pitch", "yaw", "gripper");

    @TempDir
    static Path data;
    static Path dataset;

    @BeforeAll
    static void writeDataset() throws Exception {
        dataset = TestDataset.write(data.resolve("droid"));
    }

    @Test
    void tasksTable() {
        client.ingest("tasks", IngestOptions.builder().format(new LeRobotTasks(dataset)).build());
        assertEquals(Map.of("task_index", "INT64", "task", "TEXT"), types("tasks"));
        List<Row> rows = client.query("SELECT task_index, task FROM tasks ORDER BY task_index");
        assertEquals(TestDataset.TASKS.size(), rows.size());
        for (int t = 0; t < rows.size(); t++) {
            assertEquals(t, rows.get(t).getLong("task_index"));
            assertEquals(TestDataset.TASKS.get(t), rows.get(t).getString("task"));
        }
    }

    @Test
    void framesOfBothChunksHoldTheWrittenStateAndAction() {
        List<long[]> progress = new ArrayList<>();
        long rows = client.ingest("frames", IngestOptions.builder().format(new LeRobotFrames(dataset, 0, 1))
                .onProgress((written, total) -> progress.add(new long[] {written, total})).build()).rowCount();
        assertEquals(12, rows);
        assertEquals(12, progress.get(progress.size() - 1)[0]);

        Map<String, String> expectedTypes = new LinkedHashMap<>();
        for (String c : List.of("index", "episode_index", "frame_index", "task_index")) {
            expectedTypes.put(c, "INT64");
        }
        expectedTypes.put("timestamp", "FLOAT32");
        TestDataset.STATE_NAMES.forEach(n -> expectedTypes.put("state_" + n, "FLOAT32"));
        ACTION_NAMES.forEach(n -> expectedTypes.put("action_" + n, "FLOAT32"));
        assertEquals(expectedTypes, types("frames"));

        List<Row> frames = client.query("SELECT * FROM frames ORDER BY \"index\"");
        assertEquals(12, frames.size());
        int i = 0;
        for (int e = 0; e < TestDataset.LENGTHS.length; e++) {
            for (int f = 0; f < TestDataset.LENGTHS[e]; f++, i++) {
                Row row = frames.get(i);
                assertEquals(i, row.getLong("index"));
                assertEquals(e, row.getLong("episode_index"));
                assertEquals(f, row.getLong("frame_index"));
                assertEquals(TestDataset.TASK_OF_EPISODE[e], row.getLong("task_index"));
                assertEquals(TestDataset.timestamp(f), row.getFloat("timestamp"));
                for (int k = 0; k < 8; k++) {
                    assertEquals(TestDataset.state(e, f, k), row.getFloat("state_" + TestDataset.STATE_NAMES.get(k)), "state " + k + " of " + row);
                }
                for (int k = 0; k < 7; k++) {
                    assertEquals(TestDataset.action(e, f, k), row.getFloat("action_" + ACTION_NAMES.get(k)), "action " + k + " of " + row);
                }
            }
        }
    }

    @Test
    void chunkRangeSelectsTheChunksEpisodes() {
        client.ingest("first", IngestOptions.builder().format(new LeRobotFrames(dataset, 0, 0)).build());
        client.ingest("second", IngestOptions.builder().format(new LeRobotFrames(dataset, 1, 1)).build());
        assertEquals(List.of(0L, 1L), episodesIn("first"));
        assertEquals(8L, client.query("SELECT count(*) AS n FROM first").get(0).getLong("n"));
        assertEquals(List.of(2L), episodesIn("second"));
        assertEquals(4L, client.query("SELECT count(*) AS n FROM second").get(0).getLong("n"));
        assertEquals(8L, client.query("SELECT min(\"index\") AS i FROM second").get(0).getLong("i"));
    }

    @Test
    void episodesHoldTheirTaskLengthAndVideoBytes() throws Exception {
        client.ingest("episodes", IngestOptions.builder().format(new LeRobotEpisodes(dataset, 0, 1)).build());
        assertEquals(Map.of("episode_index", "INT64", "task", "TEXT", "length", "INT64",
                "exterior_1_video", "VIDEO", "exterior_2_video", "VIDEO", "wrist_video", "VIDEO"), types("episodes"));
        List<Row> rows = client.query("SELECT * FROM episodes ORDER BY episode_index");
        assertEquals(3, rows.size());
        Map<String, String> cameraOf = Map.of("exterior_1_video", TestDataset.CAMERAS.get(2),
                "exterior_2_video", TestDataset.CAMERAS.get(1), "wrist_video", TestDataset.CAMERAS.get(0));
        for (int e = 0; e < rows.size(); e++) {
            Row row = rows.get(e);
            assertEquals(e, row.getLong("episode_index"));
            assertEquals(TestDataset.TASKS.get(TestDataset.TASK_OF_EPISODE[e]), row.getString("task"));
            assertEquals(TestDataset.LENGTHS[e], row.getLong("length"));
            for (Map.Entry<String, String> column : cameraOf.entrySet()) {
                byte[] expected = Files.readAllBytes(TestDataset.video(dataset, e, column.getValue()));
                assertArrayEquals(expected, row.getBytes(column.getKey()), column + " of episode " + e);
            }
        }
        client.ingest("later", IngestOptions.builder().format(new LeRobotEpisodes(dataset, 1, 1)).build());
        assertEquals(List.of(2L), client.query("SELECT episode_index FROM later").stream().map(r -> r.getLong("episode_index")).toList());
    }

    @Test
    void aBadChunkFailsTheIngestAndKeepsWhatWasThere(@TempDir Path scratch) throws Exception {
        client.ingest("frames", IngestOptions.builder().format(new LeRobotFrames(dataset, 0, 0)).build());
        Path broken = TestDataset.copy(dataset, scratch.resolve("broken"));
        TestDataset.writeEpisode(broken, 2, 8, 3, "FLOAT[]");
        IngestError error = assertThrows(IngestError.class,
                () -> client.ingest("frames", IngestOptions.builder().format(new LeRobotFrames(broken, 0, 1)).build()));
        assertTrue(error.getMessage().startsWith(TestDataset.parquet(broken, 2) + ": action of frame 0 has 3 values"), error.getMessage());
        assertEquals(8L, client.query("SELECT count(*) AS n FROM frames").get(0).getLong("n"));
    }

    private List<Long> episodesIn(String table) {
        return client.query("SELECT DISTINCT episode_index FROM " + table + " ORDER BY episode_index").stream()
                .map(r -> r.getLong("episode_index")).toList();
    }

    /** Each column's Deeplake type, as the engine records it beside the DuckDB type (in the column comment). */
    private Map<String, String> types(String table) {
        Map<String, String> types = new LinkedHashMap<>();
        for (Row row : client.query("SELECT column_name, column_comment AS comment FROM information_schema.columns WHERE table_name = $1"
                + " AND column_name <> '_id' ORDER BY ordinal_position", table)) {
            String comment = row.getString("comment");
            assertTrue(comment != null && comment.startsWith("deeplake:"), row.toString());
            types.put(row.getString("column_name"), comment.substring("deeplake:".length()));
        }
        return types;
    }
}
