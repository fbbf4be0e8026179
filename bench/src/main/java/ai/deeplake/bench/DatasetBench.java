package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.Dataset;
import ai.deeplake.api.Batch;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;

/**
 * Training-loop reads: {@code Dataset.batches(B)} (B = 256 unless told) over N rows of 15 FLOAT32 columns, against a raw
 * DuckDB JDBC scan of the same columns in the same run, with the peak heap of the batch loop.
 *
 * <p>Usage: {@code DatasetBench [rows=1000000] [batchSize=256] [repetitions=5]}; run with {@code -Xmx256m} to check the heap bound.
 * Embedded, remote (a {@code deeplake serve} started in-process on loopback) and the raw scan (of
 * the embedded workspace's own file) take turns, each repetition.
 */
public final class DatasetBench {
    private static final int COLUMNS = 15;
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One path's figures over the repetitions: rows/s, rows per CPU-second, and the largest peak heap. */
    private static final class Figures {
        final double[] rates;
        final double[] cpuRates;
        long peakHeap;
        int count;

        Figures(int repetitions) {
            rates = new double[repetitions];
            cpuRates = new double[repetitions];
        }

        void add(int rows, long start, long cpu, long peak) {
            rates[count] = rows / ((System.nanoTime() - start) / 1e9);
            // All threads of the process, the in-process server's included: not inflated by other work on the machine.
            cpuRates[count++] = rows / ((OS.getProcessCpuTime() - cpu) / 1e9);
            peakHeap = Math.max(peakHeap, peak);
        }

        double best() {
            return Arrays.stream(rates).max().orElseThrow();
        }
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path root = Files.createTempDirectory("bench-dataset");
        Figures embedded = new Figures(repetitions);
        Figures remote = new Figures(repetitions);
        Figures raw = new Figures(repetitions);
        try (Client local = Client.builder().root(root).workspace("bench").build()) {
            frames(local, rows);
        }
        Path workspaceFile = root.resolve("bench").resolve("tables.duckdb");
        try (LoopbackServer server = LoopbackServer.start(); Client client = server.client()) {
            Dataset remoteFrames = frames(client, rows);
            // The three paths take turns, each repetition, so a load change on a shared machine hits all of them.
            for (int rep = 0; rep < repetitions; rep++) {
                // The embedded workspace is closed while the raw scan reads its file (one process cannot open it twice).
                try (Client local = Client.builder().root(root).workspace("bench").build()) {
                    measure(local.openTable("frames").query("SELECT " + columns()), rows, batchSize, embedded);
                }
                measure(remoteFrames, rows, batchSize, remote);
                rawScan(workspaceFile, rows, raw);
            }
        }
        System.out.printf("Dataset.batches(%d) over %,d rows x %d FLOAT32 columns, %d repetitions, the paths taking turns%n", batchSize,
                rows, COLUMNS, repetitions);
        System.out.printf("%-52s %12s %7s %12s %7s %12s %7s %10s%n", "path", "best rows/s", "ratio", "median", "ratio", "rows/CPU-s",
                "ratio", "peak heap");
        row("Dataset.batches(" + batchSize + "), embedded", embedded, raw);
        row("Dataset.batches(" + batchSize + "), remote (serve, loopback)", remote, raw);
        row("raw DuckDB JDBC scan (getFloat per value)", raw, raw);
        System.out.printf("ratios: best to best, median to median, median rows per CPU-second to the same; max heap %d MB%n",
                Runtime.getRuntime().maxMemory() >> 20);
        TempFolders.delete(root);
    }

    private static void row(String path, Figures f, Figures reference) {
        double median = Stats.median(f.rates);
        double cpu = Stats.median(f.cpuRates);
        System.out.printf("%-52s %,12.0f %6.2fx %,12.0f %6.2fx %,12.0f %6.2fx %7d MB%n", path, f.best(), f.best() / reference.best(), median,
                median / Stats.median(reference.rates), cpu, cpu / Stats.median(reference.cpuRates), f.peakHeap >> 20);
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

    /** One batch loop. */
    private static void measure(Dataset ds, int rows, int batchSize, Figures figures) {
        resetPeaks();
        long start = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        long seen = 0;
        for (Batch b : ds.batches(batchSize)) {
            seen += b.size();
        }
        if (seen != rows) {
            throw new IllegalStateException("read " + seen + " rows of " + rows);
        }
        figures.add(rows, start, cpu, peakHeap());
    }

    /** The reference: the same columns read with plain JDBC, streaming, straight from the database file. */
    private static void rawScan(Path database, int rows, Figures figures) throws Exception {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, p); Statement s = c.createStatement()) {
            resetPeaks();
            long start = System.nanoTime();
            long cpu = OS.getProcessCpuTime();
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
            figures.add(rows, start, cpu, peakHeap());
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
