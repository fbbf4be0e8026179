package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.Dataset;
import ai.deeplake.api.Batch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * Training-loop reads: {@code Dataset.batches(256)} over N rows of 15 FLOAT32 columns, against a raw
 * DuckDB JDBC scan of the same columns in the same run, with the peak heap of the batch loop.
 *
 * <p>Usage: {@code DatasetBench [rows=1000000]}; run with {@code -Xmx256m} to check the heap bound.
 * Embedded, remote (a {@code deeplake serve} started in-process on loopback) and the raw scan (of
 * the embedded workspace's own file) take turns, each repetition.
 */
public final class DatasetBench {
    private static final int COLUMNS = 15;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Files.createTempDirectory("bench-dataset");
        // The three paths take turns, each repetition, so a load change on a shared machine hits all of them.
        double[] embedded = new double[2];
        double[] remote = new double[2];
        double rawRate = 0;
        try (Client local = Client.builder().root(root).workspace("bench").build()) {
            frames(local, rows);
        }
        Path workspaceFile = root.resolve("bench").resolve("tables.duckdb");
        try (LoopbackServer server = LoopbackServer.start(); Client client = server.client()) {
            Dataset remoteFrames = frames(client, rows);
            for (int rep = 0; rep < 3; rep++) {
                // The embedded workspace is closed while the raw scan reads its file (one process cannot open it twice).
                try (Client local = Client.builder().root(root).workspace("bench").build()) {
                    measure(local.openTable("frames").query("SELECT " + columns()), rows, embedded);
                }
                measure(remoteFrames, rows, remote);
                rawRate = Math.max(rawRate, rows / rawScan(workspaceFile));
            }
        }
        System.out.printf("Dataset.batches(256) over %,d rows x %d FLOAT32 columns, best of 3, the paths taking turns%n", rows, COLUMNS);
        System.out.printf("%-52s %14s %8s %10s%n", "path", "rows/s", "ratio", "peak heap");
        System.out.printf("%-52s %,14.0f %7.2fx %7d MB%n", "Dataset.batches(256), embedded", embedded[0], embedded[0] / rawRate,
                (long) embedded[1] >> 20);
        System.out.printf("%-52s %,14.0f %7.2fx %7d MB%n", "Dataset.batches(256), remote (deeplake serve, loopback)", remote[0],
                remote[0] / rawRate, (long) remote[1] >> 20);
        System.out.printf("%-52s %,14.0f %8s%n", "raw DuckDB JDBC scan (getFloat per value)", rawRate, "1.00");
        System.out.printf("max heap %d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        TempFolders.delete(root);
    }

    private static String columns() {
        StringBuilder columns = new StringBuilder();
        for (int c = 0; c < COLUMNS; c++) {
            columns.append(c == 0 ? "" : ", ").append("f").append(c);
        }
        return columns.toString();
    }

    /** The frames' values: column c of row i is {@code i * (c + 1) % 1000}. */
    private static String values() {
        StringBuilder values = new StringBuilder();
        for (int c = 0; c < COLUMNS; c++) {
            values.append(c == 0 ? "" : ", ").append("(i * ").append(c + 1).append(" % 1000)::FLOAT4");
        }
        return values.toString();
    }

    /** @return a view of the 15 columns of a new frames table of {@code rows} rows */
    private static Dataset frames(Client client, int rows) {
        client.query("CREATE TABLE frames (" + columns().replace(",", " FLOAT4,") + " FLOAT4)");
        client.query("INSERT INTO frames (" + columns() + ") SELECT " + values() + " FROM generate_series(1, " + rows + ") AS t(i)");
        return client.openTable("frames").query("SELECT " + columns());
    }

    /** One batch loop; keeps the best rows/s in {@code best[0]} and the largest peak heap in {@code best[1]}. */
    private static void measure(Dataset ds, int rows, double[] best) {
        resetPeaks();
        long start = System.nanoTime();
        long seen = 0;
        for (Batch b : ds.batches(256)) {
            seen += b.size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        best[1] = Math.max(best[1], peakHeap());
        if (seen != rows) {
            throw new IllegalStateException("read " + seen + " rows of " + rows);
        }
        best[0] = Math.max(best[0], rows / seconds);
    }

    /** The reference: the same columns read with plain JDBC, streaming, straight from the database file. */
    private static double rawScan(Path database) throws Exception {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, p); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            double sum = 0;
            try (ResultSet rs = s.executeQuery("SELECT " + columns() + " FROM frames")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        sum += rs.getFloat(i);
                    }
                }
            }
            if (sum < 0) {
                throw new IllegalStateException();
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
