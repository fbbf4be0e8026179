package ai.deeplake.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.deeplake.IngestOptions;
import ai.deeplake.Row;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a vector index measures the breadth its searches need, and searches broader than one statement fetches. */
class VectorIndexTest {
    /** More rows than {@link IndexCatalog#MAX_CANDIDATES}, few dimensions so the graph builds fast. */
    private static final int ROWS = 2500;
    private static final int DIM = 8;

    @TempDir
    Path root;

    private static List<float[]> vectors(long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
            vectors.add(VectorIndex.normalised(v));
        }
        return vectors;
    }

    private static Map<String, String> commitData(VectorIndex index) {
        Map<String, String> data = new HashMap<>();
        index.writer().getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        return data;
    }

    /** Writes a measurement into the index's last commit, as an engine with other rules would have left it. */
    private static void commitMeasurement(Path folder, int candidates, String rules) throws IOException {
        try (VectorIndex index = new VectorIndex(folder)) {
            index.writer().setLiveCommitData(Map.of(VectorIndex.CANDIDATES, String.valueOf(candidates),
                    VectorIndex.MEASURED_AT, String.valueOf(ROWS), VectorIndex.MEASURED_BY, rules).entrySet());
            index.writer().commit();
        }
    }

    @Test
    void aMeasurementTakenUnderOtherRulesIsTakenAgainOnOpen() throws IOException {
        Path folder = root.resolve("index");
        List<float[]> vectors = vectors(1);
        try (VectorIndex index = new VectorIndex(folder)) {
            for (int i = 0; i < ROWS; i++) {
                index.put("r" + i, i, vectors.get(i), false);
            }
            index.commit();
            assertEquals(OptionalInt.of(RecallCalibration.minimum()), index.candidates(), "8-d vectors need the fewest");
        }
        // An older engine found no affordable breadth (its ladder stopped at 2048) and said so in the commit.
        commitMeasurement(folder, -1, "ladder-2048");
        try (VectorIndex index = new VectorIndex(folder)) {
            assertEquals(OptionalInt.of(RecallCalibration.minimum()), index.candidates());
            assertEquals(RecallCalibration.RULES, commitData(index).get(VectorIndex.MEASURED_BY));
        }
        // One taken under these rules is kept as it is.
        commitMeasurement(folder, -1, RecallCalibration.RULES);
        try (VectorIndex index = new VectorIndex(folder)) {
            assertEquals(OptionalInt.empty(), index.candidates());
        }
    }

    @Test
    void aBroadSearchNamesOnlyTheRowsAskedFor() throws IOException {
        List<float[]> vectors = vectors(2);
        try (VectorIndex index = new VectorIndex(root.resolve("index"))) {
            for (int i = 0; i < ROWS; i++) {
                index.put("r" + i, i, vectors.get(i), false);
            }
            index.commit();
            float[] query = vectors.get(7);
            List<String> exact = IntStream.range(0, ROWS).boxed()
                    .sorted(Comparator.comparingDouble(i -> -dot(query, vectors.get(i)))).limit(10).map(i -> "r" + i).toList();
            Hits best = index.nearest(query, 3200, 10);
            assertEquals(exact, best.ids());
            assertFalse(best.complete(), "the index holds more rows than it returned");
            Hits more = index.nearest(query, 3200, IndexCatalog.MAX_CANDIDATES);
            assertEquals(IndexCatalog.MAX_CANDIDATES, more.size());
            assertEquals(exact, more.ids().subList(0, 10));
            assertTrue(index.nearest(query, 3200, 3000).complete(), "all 2500 rows, fewer than asked for");
        }
    }

    @Test
    void theEngineSearchesBroaderThanMaxCandidatesAndAnswersExactly() throws IOException {
        List<float[]> vectors = vectors(3);
        List<Long> numbers = IntStream.range(0, ROWS).mapToObj(i -> (long) i).toList();
        List<String> texts = IntStream.range(0, ROWS).mapToObj(i -> "word" + (i % 50)).toList();
        try (Client client = Client.builder().root(root).workspace("default").build()) {
            client.ingest("t", Map.of("n", numbers, "text", texts, "embedding", vectors),
                    IngestOptions.builder().index("embedding", "text").build());
        }
        commitMeasurement(root.resolve("default").resolve("indexes").resolve("t").resolve("embedding"), 3200,
                RecallCalibration.RULES);
        float[] query = vectors.get(11);
        String nearest = "SELECT n FROM t ORDER BY embedding <#> $1 DESC LIMIT 10";
        String hybrid = "SELECT n FROM t ORDER BY (embedding, text)::deeplake_hybrid_record"
                + " <#> deeplake_hybrid_record($1, 'word7') DESC LIMIT 10";
        try (Client client = Client.builder().root(root).workspace("default").build()) {
            String plan = client.query("EXPLAIN " + nearest, query).get(0).getString("explain_value");
            assertEquals("Index Scan: top 10 of t from deeplake_index t_embedding_idx (HNSW, cosine) on t.embedding:"
                    + " 3200 candidates", plan.substring(0, plan.indexOf(" (measured")));
            List<Long> exact = IntStream.range(0, ROWS).boxed().sorted(Comparator.comparingDouble(i -> -dot(query, vectors.get(i))))
                    .limit(10).map(Integer::longValue).toList();
            assertEquals(exact, client.query(nearest, query).stream().map(r -> r.getLong("n")).toList());
            String hybridPlan = client.query("EXPLAIN " + hybrid, query).get(0).getString("explain_value");
            assertEquals("Exact: every row of t is scored (deeplake_index t_embedding_idx (HNSW, cosine) on t.embedding needs"
                    + " more candidates for recall@10 at the bar on this data than a hybrid search fetches (2048), measured"
                    + " when it was built)", hybridPlan.lines().findFirst().orElseThrow());
            assertEquals(10, client.query(hybrid, query).stream().map(Row::keySet).count());
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (double) a[d] * b[d];
        }
        return sum;
    }
}
