package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.formats.lerobot.LeRobotFrames;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * LeRobot frames ingest: a LeRobot v2 dataset of E episodes x F frames (Parquet written by DuckDB,
 * {@code chunks_size} C) through {@code Client.ingest(new LeRobotFrames(...))}, with progress
 * printed and the heap watched, against references measured in the same run on the same files:
 * DuckDB copying the Parquet into a table of the same columns itself ({@code CREATE TABLE AS}), a
 * raw JDBC streaming read of those columns, and the format's read alone.
 *
 * <p>Usage: {@code java -Xmx512m ... LeRobotFramesBench [episodes=200] [frames=5000] [chunksSize=50]}.
 */
public final class LeRobotFramesBench {
    private static final List<String> STATE = List.of("x", "y", "z", "roll", "pitch", "yaw", "pad", "gripper");
    private static final List<String> ACTION = List.of("x", "y", "z", "roll", "pitch", "yaw", "gripper");

    public static void main(String[] args) throws Exception {
        int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int chunksSize = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        long rows = (long) episodes * frames;
        int lastChunk = (episodes - 1) / chunksSize;
        Path work = Files.createTempDirectory("lerobot-bench");
        try {
            Path dataset = work.resolve("dataset");
            long t0 = System.nanoTime();
            List<Path> files = writeDataset(dataset, episodes, frames, chunksSize);
            System.out.printf("wrote %,d frames in %d episodes, %d chunks, %.1f MB of Parquet in %.1f s; max heap %d MB%n", rows, episodes,
                    lastChunk + 1, size(dataset) / 1e6, seconds(t0), Runtime.getRuntime().maxMemory() >> 20);

            HeapWatch heap = new HeapWatch();
            AtomicLong nextReport = new AtomicLong(100_000);
            t0 = System.nanoTime();
            long written;
            long start = t0;
            try (Client client = Client.builder().root(work.resolve("root")).workspace("bench").build()) {
                written = client.ingest("frames", IngestOptions.builder().format(new LeRobotFrames(dataset, 0, lastChunk))
                        .onProgress((done, total) -> {
                            if (done >= nextReport.get()) {
                                nextReport.addAndGet(100_000);
                                System.out.printf("  progress: %,d rows, %.1f s, heap used %d MB%n", done, seconds(start), heap.usedNow() >> 20);
                            }
                        }).build()).rowCount();
            }
            double ingest = seconds(t0);
            heap.stop();
            check(rows, written);

            t0 = System.nanoTime();
            long[] read = {0};
            new LeRobotFrames(dataset, 0, lastChunk).normalize(b -> read[0] += b.size());
            double formatRead = seconds(t0);
            check(rows, read[0]);

            double jdbcRead = rawJdbcRead(files, rows);
            double duckCopy = duckDbCopy(files, work.resolve("copy.duckdb"), rows);

            System.out.printf("%nLeRobot frames, %,d rows (index, 3 ints, timestamp, 8 state + 7 action floats), 2 cores%n", rows);
            System.out.printf("%-62s %12s %10s%n", "path", "rows/s", "ratio");
            System.out.printf("%-62s %,12.0f %10s%n", "Client.ingest(LeRobotFrames), commit every 2000 rows", rows / ingest, "1.00");
            System.out.printf("%-62s %,12.0f %9.2fx%n", "DuckDB CREATE TABLE AS SELECT ... FROM read_parquet (same cols)", rows / duckCopy,
                    duckCopy / ingest);
            System.out.printf("%-62s %,12.0f %9.2fx%n", "raw JDBC streaming read of the same columns", rows / jdbcRead, jdbcRead / ingest);
            System.out.printf("%-62s %,12.0f %9.2fx%n", "LeRobotFrames.normalize alone (read + batches)", rows / formatRead, formatRead / ingest);
            System.out.printf("heap during Client.ingest: max used after a GC %d MB, peak used %d MB (sum of pool peaks), %d GCs, -Xmx %d MB%n",
                    heap.maxAfterGc() >> 20, heap.peakUsed() >> 20, heap.gcs(), Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            TempFolders.delete(work);
        }
    }

    /** Writes meta/ and one Parquet file per episode (fixed-size FLOAT[8]/FLOAT[7] vectors, as DROID's). */
    private static List<Path> writeDataset(Path dir, int episodes, int frames, int chunksSize) throws Exception {
        Files.createDirectories(dir.resolve("meta"));
        Files.writeString(dir.resolve("meta/info.json"), "{\"codebase_version\": \"v2.0\", \"chunks_size\": " + chunksSize
                + ", \"total_chunks\": " + ((episodes - 1) / chunksSize + 1) + ", \"total_episodes\": " + episodes + "}");
        Files.writeString(dir.resolve("meta/tasks.jsonl"), "{\"task_index\": 0, \"task\": \"pick\"}\n{\"task_index\": 1, \"task\": \"place\"}\n");
        StringBuilder lines = new StringBuilder();
        List<Path> files = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            for (int e = 0; e < episodes; e++) {
                lines.append("{\"episode_index\": ").append(e).append(", \"tasks\": [\"pick\"], \"length\": ").append(frames).append("}\n");
                Path file = dir.resolve("data/chunk-%03d/episode_%06d.parquet".formatted(e / chunksSize, e));
                Files.createDirectories(file.getParent());
                st.execute("COPY (SELECT (" + (long) e * frames + " + f)::BIGINT AS \"index\", " + e + "::BIGINT AS episode_index,"
                        + " f::BIGINT AS frame_index, (" + e + " % 2)::BIGINT AS task_index, (f / 15.0)::FLOAT AS \"timestamp\","
                        + " [random()::FLOAT FOR k IN range(8)]::FLOAT[8] AS \"observation.state\","
                        + " [random()::FLOAT FOR k IN range(7)]::FLOAT[7] AS action FROM range(" + frames + ") t(f))"
                        + " TO '" + file + "' (FORMAT parquet)");
                files.add(file);
            }
        }
        Files.writeString(dir.resolve("meta/episodes.jsonl"), lines);
        return files;
    }

    private static String columns() {
        StringBuilder sql = new StringBuilder("\"index\", episode_index, frame_index, task_index, \"timestamp\"");
        for (int i = 0; i < STATE.size(); i++) {
            sql.append(", \"observation.state\"[").append(i + 1).append("] AS state_").append(STATE.get(i));
        }
        for (int i = 0; i < ACTION.size(); i++) {
            sql.append(", action[").append(i + 1).append("] AS action_").append(ACTION.get(i));
        }
        return sql.toString();
    }

    private static String readParquet(List<Path> files) {
        return "read_parquet(" + files.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ", "[", "]")) + ")";
    }

    /** Streams the columns through JDBC into primitives, as the format does, without batching or writing. */
    private static double rawJdbcRead(List<Path> files, long rows) throws Exception {
        Properties config = new Properties();
        config.setProperty("jdbc_stream_results", "true");
        long t0 = System.nanoTime();
        long n = 0;
        double checksum = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:", config); Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT " + columns() + " FROM " + readParquet(files))) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= 4; c++) {
                    checksum += rs.getLong(c);
                }
                for (int c = 5; c <= width; c++) {
                    checksum += rs.getFloat(c);
                }
                n++;
            }
        }
        double s = seconds(t0);
        check(rows, checksum == 0 ? -1 : n);
        return s;
    }

    /** DuckDB alone: the same columns from the same Parquet into a table of a file database. */
    private static double duckDbCopy(List<Path> files, Path database, long rows) throws Exception {
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + database); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE frames AS SELECT uuid()::VARCHAR AS _id, " + columns() + " FROM " + readParquet(files));
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM frames")) {
                rs.next();
                check(rows, rs.getLong(1));
            }
        }
        return seconds(t0);
    }

    private static void check(long expected, long got) {
        if (got != expected) {
            throw new IllegalStateException("got " + got + " rows, expected " + expected);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** The heap in use right after each GC (the live data), and the pools' peaks since it started. */
    private static final class HeapWatch {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong gcs = new AtomicLong();
        private final List<Runnable> unsubscribe = new ArrayList<>();
        private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private long peak;

        HeapWatch() {
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                NotificationEmitter emitter = (NotificationEmitter) gc;
                javax.management.NotificationListener listener = (notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                .filter(e -> heapPools.stream().anyMatch(p -> p.getName().equals(e.getKey())))
                                .mapToLong(e -> e.getValue().getUsed()).sum();
                        maxAfterGc.accumulateAndGet(used, Math::max);
                        gcs.incrementAndGet();
                    }
                };
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }

        long usedNow() {
            return heapPools.stream().map(MemoryPoolMXBean::getUsage).mapToLong(MemoryUsage::getUsed).sum();
        }

        void stop() {
            peak = heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
            unsubscribe.forEach(Runnable::run);
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }

        long peakUsed() {
            return peak;
        }

        long gcs() {
            return gcs.get();
        }
    }
}
