package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Search through a real server: BM25, vector and hybrid top-k answered by deeplake_index, which must
 * see the rows written by remote ingest (the server's batch path) and by SQL. The embedded
 * {@code ClientSearchTest} checks scores and index files in detail; this checks the remote path.
 */
class RemoteClientSearchTest extends ClientFixture {
    private static final int DIM = 8;

    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }

    private String explain(String sql, Object... params) {
        List<Row> rows = client.query("EXPLAIN " + sql, params);
        assertEquals("deeplake_search", rows.get(0).getString("explain_key"));
        return rows.get(0).getString("explain_value");
    }

    private List<String> column(String name, String sql, Object... params) {
        return client.query(sql, params).stream().map(r -> r.getString(name)).toList();
    }

    @Test
    void bm25TopKSeesRowsWrittenByRemoteIngestAndSql() {
        client.ingest("docs", Map.of("text", List.of("the quick brown fox", "the lazy dog", "fox hunting fox den")),
                IngestOptions.builder().index("text").build());
        String top = "SELECT text, text <#> 'fox' AS score FROM docs ORDER BY score DESC LIMIT 1";
        assertTrue(explain(top).startsWith("Index Scan"), explain(top));
        assertEquals(List.of("fox hunting fox den"), column("text", top));

        client.ingest("docs", Map.of("text", List.of("fox fox fox")));
        assertEquals(List.of("fox fox fox"), column("text", top));
        client.query("DELETE FROM docs WHERE text = 'fox fox fox'");
        assertEquals(List.of("fox hunting fox den"), column("text", top));
        client.query("INSERT INTO docs (text) VALUES ($1)", "fox fox");
        assertEquals(List.of("fox fox"), column("text", top));
    }

    @Test
    void indexedVectorTopKEqualsTheExactAnswer() {
        Random random = new Random(1);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            vectors.add(vector(random));
        }
        client.ingest("t", Map.of("embedding", vectors), IngestOptions.builder().index("embedding").build());
        float[] query = vector(random);
        String routed = "SELECT _id, embedding <#> $1 AS score FROM t ORDER BY score DESC, _id LIMIT 10";
        String exact = "SELECT _id FROM (SELECT _id, embedding <#> $1 AS score FROM t) ORDER BY score DESC, _id LIMIT 10";
        assertTrue(explain(routed, query).startsWith("Index Scan"), explain(routed, query));
        assertEquals(column("_id", exact, query), column("_id", routed, query));

        float[] fresh = vector(random);
        client.ingest("t", Map.of("embedding", List.of(fresh)));
        String id = column("_id", routed, fresh).get(0);
        assertEquals(column("_id", exact, fresh).get(0), id, "a row appended after the index was built is found");
        client.query("DELETE FROM t WHERE _id = $1", id);
        assertEquals(column("_id", exact, fresh), column("_id", routed, fresh), "a deleted row is never served");
    }

    @Test
    void hybridRanksByTheWeightedNormalisedScores() {
        client.ingest("t", Map.of(
                "text", List.of("dog", "fox fox fox", "fox jumps", "cat"),
                "embedding", List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.8f, 0.6f}, new float[] {-1, 0})),
                IngestOptions.builder().index("embedding", "text").build());
        List<String> hybrid = column("text", "SELECT text, (embedding, text)::deeplake_hybrid_record <#>"
                + " deeplake_hybrid_record($1, $2, 0.7, 0.3) AS score FROM t ORDER BY score DESC LIMIT 10", new float[] {1, 0}, "fox");
        assertEquals(List.of("fox jumps", "dog", "fox fox fox", "cat"), hybrid);
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }
}
