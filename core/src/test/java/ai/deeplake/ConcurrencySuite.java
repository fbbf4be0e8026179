package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Ingests and queries at once through one Client: {@value #THREADS} threads each ingest into a table
 * of their own while {@value #THREADS} threads query all of them, bounded in time so that a deadlock
 * fails the test instead of hanging it.
 */
public abstract class ConcurrencySuite extends ClientFixture {
    private static final int THREADS = 8;
    private static final int CALLS = 2;
    /** More than a 2000-row commit block, and not a whole number of them. */
    private static final int ROWS = 2500;
    /** Both engines commit whole multiples of this many rows until a call's last commit (remote: 200 per request). */
    private static final int COMMIT_GRAIN = 200;

    @Test
    void eightIngestsAndEightQueriesAtOnceFinishWithCorrectCounts() {
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                AtomicBoolean ingesting = new AtomicBoolean(true);
                List<Future<?>> ingests = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    String table = "t" + t;
                    ingests.add(pool.submit(() -> {
                        start.await();
                        for (int call = 0; call < CALLS; call++) {
                            assertEquals(ROWS, client.ingest(table, data(call)).rowCount());
                        }
                        return null;
                    }));
                }
                List<Future<Integer>> queries = new ArrayList<>();
                for (int q = 0; q < THREADS; q++) {
                    queries.add(pool.submit(() -> {
                        start.await();
                        return queryWhile(ingesting);
                    }));
                }
                start.countDown();
                for (Future<?> ingest : ingests) {
                    ingest.get();
                }
                ingesting.set(false);
                for (Future<Integer> query : queries) {
                    assertTrue(query.get() > 0, "every query thread ran queries");
                }
            } finally {
                pool.shutdownNow();
            }
        });
        assertEquals(THREADS, client.listTables().size());
        for (int t = 0; t < THREADS; t++) {
            Row r = client.query("SELECT count(*) AS rows, count(DISTINCT (call, n)) AS distinct_rows, count(DISTINCT _id) AS ids FROM t" + t)
                    .get(0);
            assertEquals(CALLS * ROWS, r.getLong("rows"), "rows of t" + t);
            assertEquals(CALLS * ROWS, r.getLong("distinct_rows"), "each row of t" + t + " once");
            assertEquals(CALLS * ROWS, r.getLong("ids"), "one _id per row of t" + t);
        }
    }

    /**
     * Counts the rows of every table there is, until the ingests are done: a table's count never
     * shrinks and only ever shows whole commits.
     *
     * @return the number of queries run
     */
    private int queryWhile(AtomicBoolean ingesting) {
        Map<String, Long> seen = new HashMap<>();
        int queries = 0;
        float[] query = vector(0, 7);
        do {
            for (String table : client.listTables()) {
                long rows = client.query("SELECT count(*) AS n FROM " + table).get(0).getLong("n");
                long before = seen.getOrDefault(table, 0L);
                assertTrue(rows >= before && rows <= CALLS * ROWS, table + " went from " + before + " to " + rows + " rows");
                assertEquals(0, rows % ROWS % COMMIT_GRAIN, table + " shows " + rows + " rows: part of a commit");
                seen.put(table, rows);
                List<Row> nearest = client.query("SELECT call, n FROM " + table + " ORDER BY emb <#> $1 DESC LIMIT 1", (Object) query);
                if (rows > 7) {
                    assertEquals(List.of(0L, 7L), List.of(nearest.get(0).getLong("call"), nearest.get(0).getLong("n")),
                            "exact vector search in " + table);
                }
                // BM25 builds the column's index on first use and catches it up with the ingest meanwhile.
                for (Row r : client.query("SELECT n, text <#> 'w7' AS score FROM " + table + " ORDER BY score DESC LIMIT 3")) {
                    assertTrue(r.getDouble("score") == 0 || r.getLong("n") % 10 == 7, "BM25 in " + table + ": " + r);
                }
                queries += 3;
            }
        } while (ingesting.get());
        return queries;
    }

    private static Map<String, List<?>> data(int call) {
        List<Long> calls = new ArrayList<>();
        List<Long> ns = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < ROWS; n++) {
            calls.add((long) call);
            ns.add((long) n);
            vectors.add(vector(call, n));
            texts.add("w" + n % 10 + " c" + call);
        }
        return Map.of("call", calls, "n", ns, "emb", vectors, "text", texts);
    }

    private static float[] vector(int call, int n) {
        return CrashIngestChild.vector(call, n);
    }
}
