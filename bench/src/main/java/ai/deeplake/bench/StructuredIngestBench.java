package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.IngestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Structured ingest: N rows of (text, 384-d embedding) through {@code Client.ingest}, embedded and
 * remote (a {@code deeplake serve} in-process on loopback, with its binary frame ingest and with it
 * turned off, i.e. the {@code /tables/query/batch} path any Deeplake API takes), against raw DuckDB
 * appenders writing the same rows into a file database in the same run.
 *
 * <p>Usage: {@code StructuredIngestBench [rows=200000] [repetitions=3]}. Prints the median of the
 * repetitions as rows/s and as a ratio to each reference.
 */
public final class StructuredIngestBench {
    private static final int DIM = 384;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> texts = new ArrayList<>(rows);
        List<float[]> vectors = new ArrayList<>(rows);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < rows; i++) {
            texts.add("document " + i + " about " + Long.toHexString(random.nextLong()) + " and more words here");
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.add(v);
        }

        double[] client = new double[reps];
        double[] frames = new double[reps];
        double[] inserts = new double[reps];
        double[] rawText = new double[reps];
        double[] rawVector = new double[reps];
        try (LoopbackServer framesServer = LoopbackServer.start();
                LoopbackServer insertServer = LoopbackServer.start(c -> c.withFrameIngest(false))) {
            for (int r = -1; r < reps; r++) {
                // Repetition -1 warms the JIT and is not counted.
                Path root = Files.createTempDirectory("bench-client");
                double c;
                try (Client embedded = Client.builder().root(root).workspace("bench").build()) {
                    c = timeClient(embedded, texts, vectors);
                } finally {
                    TempFolders.delete(root);
                }
                double f;
                try (Client remote = framesServer.client()) {
                    f = timeClient(remote, texts, vectors);
                }
                // The INSERT path is ~10x slower: a tenth of the rows tells its rate.
                double i;
                try (Client remote = insertServer.client()) {
                    i = timeClient(remote, texts.subList(0, rows / 10), vectors.subList(0, rows / 10)) * 10;
                }
                double t = timeRaw(texts, null);
                double v = timeRaw(texts, vectors);
                if (r >= 0) {
                    client[r] = c;
                    frames[r] = f;
                    inserts[r] = i;
                    rawText[r] = t;
                    rawVector[r] = v;
                }
            }
        }
        double clientRate = rows / Stats.median(client);
        double framesRate = rows / Stats.median(frames);
        double insertRate = rows / Stats.median(inserts);
        double textRate = rows / Stats.median(rawText);
        double vectorRate = rows / Stats.median(rawVector);
        System.out.printf("Structured ingest, %d rows of (text, FLOAT[%d]), median of %d, 2 cores%n", rows, DIM, reps);
        System.out.printf("%-58s %12s %10s%n", "path", "rows/s", "ratio");
        System.out.printf("%-58s %,12.0f %10s%n", "Client.ingest, embedded (commit every 2000 rows)", clientRate, "1.00");
        System.out.printf("%-58s %,12.0f %9.2fx%n", "Client.ingest, remote, binary frames (loopback)", framesRate, framesRate / clientRate);
        System.out.printf("%-58s %,12.0f %9.2fx%n", "Client.ingest, remote, /tables/query/batch (loopback)", insertRate,
                insertRate / clientRate);
        System.out.printf("%-58s %,12.0f %9.2fx%n", "raw DuckDB appender (uuid, text, FLOAT[384]), one commit", vectorRate, clientRate / vectorRate);
        System.out.printf("%-58s %,12.0f %9.2fx%n", "raw DuckDB appender (uuid, text), one commit", textRate, clientRate / textRate);
    }

    /** Ingests into a fresh table and checks its row count. @return the seconds the ingest took */
    private static double timeClient(Client client, List<String> texts, List<float[]> vectors) {
        client.query("DROP TABLE IF EXISTS docs");
        long start = System.nanoTime();
        IngestResult r = client.ingest("docs", Map.of("text", texts, "embedding", vectors));
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = client.query("SELECT COUNT(*) AS n FROM docs").get(0).getLong("n");
        if (r.rowCount() != texts.size() || stored != texts.size()) {
            throw new IllegalStateException("wrote " + r.rowCount() + " rows, stored " + stored + ", expected " + texts.size());
        }
        return seconds;
    }

    private static double timeRaw(List<String> texts, List<float[]> vectors) throws Exception {
        Path dir = Files.createTempDirectory("bench-raw");
        try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("raw.duckdb"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE docs (_id VARCHAR, text VARCHAR" + (vectors == null ? "" : ", embedding FLOAT[" + DIM + "]") + ")");
            }
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "docs")) {
                for (int i = 0; i < texts.size(); i++) {
                    a.beginRow().append(UUID.randomUUID().toString()).append(texts.get(i));
                    if (vectors != null) {
                        a.append(vectors.get(i));
                    }
                    a.endRow();
                }
            }
            c.commit();
            return (System.nanoTime() - start) / 1e9;
        } finally {
            TempFolders.delete(dir);
        }
    }
}
