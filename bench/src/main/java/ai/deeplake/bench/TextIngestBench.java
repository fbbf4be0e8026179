package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Text files through {@code Client.ingest} with the text plugin: MB/s of UTF-8 input, against two
 * references in the same run: reading and decoding the same bytes alone, and raw DuckDB appending
 * rows of the same shape (three UUID-sized strings, a BIGINT and a 1000-char text, already UTF-8)
 * with the engine's settings, committing every 2000 rows.
 *
 * <p>Each path is given as wall-clock MB/s and as MB per CPU-second of the whole process (every
 * thread, DuckDB's included). On a shared, loaded machine the wall figure says how many cores the
 * run got; the CPU figure is the cost, which does not depend on the load.
 *
 * <p>Usage: {@code TextIngestBench PLUGINS_DIR [megabytes=200] [repetitions=3]} where PLUGINS_DIR
 * holds the built deeplake-plugin-text jar (e.g. distribution/target/deeplake-VERSION/deeplake/plugins).
 */
public final class TextIngestBench {
    private static final int CHUNK = 1000;
    private static final int STEP = 800;
    private static final int COMMIT_EVERY = 2000;
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** Wall and CPU seconds of one path, the best of the repetitions for each. */
    private static final class Timing {
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;

        void measure(Work work) throws Exception {
            long wall0 = System.nanoTime();
            long cpu0 = OS.getProcessCpuTime();
            work.run();
            cpu = Math.min(cpu, (OS.getProcessCpuTime() - cpu0) / 1e9);
            wall = Math.min(wall, (System.nanoTime() - wall0) / 1e9);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path plugins = Path.of(args.length > 0 ? args[0] : "distribution/target/deeplake-0.1.0-SNAPSHOT/deeplake/plugins");
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("bench-text");
        try {
            Path file = dir.resolve("corpus.txt");
            write(file, megabytes);
            double mb = Files.size(file) / 1e6;
            List<byte[]> chunks = chunks(file);
            Timing decode = new Timing();
            Timing raw = new Timing();
            Timing ingest = new Timing();
            long rows = 0;
            for (int rep = 0; rep < reps; rep++) {
                decode.measure(() -> decode(file));
                Path rawDb = dir.resolve("raw" + rep + ".duckdb");
                rawAppend(rawDb, chunks, raw);
                Path root = Files.createDirectories(dir.resolve("root" + rep));
                try (Client client = Client.builder().root(root).pluginsDir(plugins).build()) {
                    IngestResult[] r = new IngestResult[1];
                    ingest.measure(() -> r[0] = client.ingest("corpus", Map.of("path", List.of(file.toString())),
                            IngestOptions.builder().schema(Map.of("path", "FILE")).build()));
                    rows = r[0].rowCount();
                }
            }
            System.out.printf("Text ingest of a %.0f MB UTF-8 file (1000-char chunks, 200 overlap, %,d rows), best of %d, "
                    + "%d cores, load average %.1f%n", mb, rows, reps, OS.getAvailableProcessors(), OS.getSystemLoadAverage());
            System.out.printf("%-52s %9s %9s %12s %9s%n", "path", "MB/s", "ratio", "MB/CPU-s", "ratio");
            print("Client.ingest, text plugin", mb, ingest, ingest);
            print("reading + UTF-8 decoding alone", mb, decode, ingest);
            print("raw DuckDB appender, same rows, commit every 2000", mb, raw, ingest);
        } finally {
            TempFolders.delete(dir);
        }
    }

    private static void print(String path, double mb, Timing t, Timing client) {
        System.out.printf("%-52s %9.0f %8.2fx %12.0f %8.2fx%n", path, mb / t.wall, t.wall / client.wall, mb / t.cpu, t.cpu / client.cpu);
    }

    private static void write(Path file, int megabytes) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String[] words = {"deeplake", "table", "vector", "search", "ingest", "chunk", "überall", "naïve", "数据", "模型"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            while (written < megabytes * 1_000_000L) {
                String word = words[random.nextInt(words.length)];
                w.write(word);
                w.write(random.nextInt(12) == 0 ? '\n' : ' ');
                written += word.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
    }

    private static void decode(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 16];
            while (reader.read(buffer) >= 0) {
                // decoding only
            }
        }
    }

    /** @return the file in overlapping 1000-char chunks, UTF-8 encoded, for the raw DuckDB reference */
    private static List<byte[]> chunks(Path file) throws Exception {
        String text = Files.readString(file);
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < text.length(); from += STEP) {
            chunks.add(text.substring(from, Math.min(text.length(), from + CHUNK)).getBytes(StandardCharsets.UTF_8));
            if (from + CHUNK >= text.length()) {
                break;
            }
        }
        return chunks;
    }

    /**
     * Appends rows shaped like the ingest's (id, file_id, chunk_index, text, _id) with the engine's
     * settings, timing the appends and commits but not opening and closing the database, as the
     * ingest's timing leaves out the client's.
     */
    private static void rawAppend(Path db, List<byte[]> chunks, Timing timing) throws Exception {
        Properties config = new Properties();
        config.setProperty("checkpoint_threshold", "1GB");
        config.setProperty("force_compression", "uncompressed");
        String fileId = UUID.randomUUID().toString();
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + db, config)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE corpus (id VARCHAR, file_id VARCHAR, chunk_index BIGINT, text VARCHAR, _id VARCHAR)");
            }
            c.setAutoCommit(false);
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "corpus")) {
                timing.measure(() -> appendAll(c, a, chunks, fileId));
            }
        }
    }

    private static void appendAll(DuckDBConnection c, DuckDBAppender a, List<byte[]> chunks, String fileId) throws Exception {
        for (int i = 0; i < chunks.size(); i++) {
            a.beginRow();
            a.append(UUID.randomUUID().toString());
            a.append(fileId);
            a.append((long) i);
            a.append(chunks.get(i));
            a.append(fileId + "-" + i);
            a.endRow();
            if ((i + 1) % COMMIT_EVERY == 0) {
                a.flush();
                c.commit();
            }
        }
        a.flush();
        c.commit();
    }
}
