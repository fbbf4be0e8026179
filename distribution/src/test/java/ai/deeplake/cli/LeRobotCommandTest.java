package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deeplake ingest --format lerobot-frames DATASET} with the plugin found in the built jars'
 * folder: the dataset folder reaches the format as the option {@code path}.
 */
class LeRobotCommandTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void ingestsFramesOfAChunkRange() throws Exception {
        Path dataset = Files.createDirectories(tmp.resolve("robot/meta"));
        Files.writeString(dataset.resolve("info.json"), "{\"chunks_size\": 1000, \"total_chunks\": 1}");
        Files.writeString(dataset.resolve("tasks.jsonl"), "{\"task_index\": 0, \"task\": \"wave\"}\n");
        Files.writeString(dataset.resolve("episodes.jsonl"), "{\"episode_index\": 0, \"tasks\": [\"wave\"], \"length\": 3}\n");
        Path parquet = Files.createDirectories(tmp.resolve("robot/data/chunk-000")).resolve("episode_000000.parquet");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("COPY (SELECT f AS \"index\", 0::BIGINT AS episode_index, f AS frame_index, 0::BIGINT AS task_index,"
                    + " (f * 0.5)::FLOAT AS \"timestamp\", [f::FLOAT FOR k IN range(8)]::FLOAT[8] AS \"observation.state\","
                    + " [(-f)::FLOAT FOR k IN range(7)]::FLOAT[7] AS action FROM range(3) t(f)) TO '" + parquet + "' (FORMAT parquet)");
        }
        String root = tmp.resolve("root").toString();
        String plugins = "--plugins=" + System.getProperty("deeplake.test.plugins");
        String robot = tmp.resolve("robot").toString();

        String[] ingest = run("ingest", "frames", robot, "--format", "lerobot-frames", "-o", "chunk-start=0", "-o", "chunk-end=0",
                "--root", root, plugins);
        assertEquals("0", ingest[0], ingest[2]);
        assertTrue(ingest[1].startsWith("Ingested 3 rows with format lerobot-frames into table 'frames'"), ingest[1]);
        String[] query = run("query", "SELECT sum(state_gripper) AS s, sum(action_x) AS a FROM frames", "--root", root);
        assertEquals("0", query[0], query[2]);
        assertTrue(query[1].contains("3.0") && query[1].contains("-3.0"), query[1]);

        String[] missing = run("ingest", "frames", robot, "--format", "lerobot-frames", "-o", "chunk-start=0", "--root", root, plugins);
        assertEquals("1", missing[0]);
        assertEquals("IngestError: format lerobot-frames needs the option chunk-end=<chunk number> (chunk-end is inclusive)"
                + System.lineSeparator(), missing[2]);

        // Without the plugin jar the format is unknown, and the error names the plugin to install.
        String noPlugins = "--plugins=" + Files.createDirectory(tmp.resolve("no-plugins"));
        String[] removed = run("ingest", "frames", robot, "--format", "lerobot-frames", "-o", "chunk-start=0", "-o", "chunk-end=0",
                "--root", root, noPlugins);
        assertEquals("1", removed[0]);
        assertEquals("IngestError: no format 'lerobot-frames' — install the deeplake-format-lerobot plugin" + System.lineSeparator(), removed[2]);
    }
}
