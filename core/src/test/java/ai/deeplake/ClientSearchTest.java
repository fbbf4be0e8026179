package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25, vector and hybrid search through {@link Client#query}, with and without deeplake_index. */
class ClientSearchTest {
    /**
     * Five short documents (lengths 4, 3, 4, 7, 2; average 4). Lucene stores lengths below 24 exactly,
     * so its scores follow the formula to float precision.
     */
    private static final List<String> CORPUS = List.of(
            "the quick brown fox", "the lazy dog", "fox hunting fox den", "a brown dog and a brown cat", "quick thinking");
    /** More rows than the candidates an index is asked for at least, so that searches use the index's answer. */
    private static final int LARGE = 400;
    private static final int DIM = 8;

    @TempDir
    Path root;
    Client client;

    @BeforeEach
    void open() {
        client = Client.builder().root(root).env(Map.of()).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private Path indexes() {
        return root.resolve("default").resolve("indexes");
    }

    /** Lucene's BM25: idf = ln(1 + (N - n + 0.5) / (n + 0.5)), tf part f / (f + k1 (1 - b + b dl / avgdl)). */
    private static double bm25(int docs, int docsWithTerm, int freq, int length, double averageLength) {
        double idf = Math.log(1 + (docs - docsWithTerm + 0.5) / (docsWithTerm + 0.5));
        return idf * freq / (freq + 1.2 * (1 - 0.75 + 0.75 * length / averageLength));
    }

    private Map<String, Double> scores(String sql, Object... params) {
        Map<String, Double> scores = new java.util.LinkedHashMap<>();
        client.query(sql, params).forEach(r -> scores.put(r.getString("text"), r.getDouble("score")));
        return scores;
    }

    private static void assertScores(Map<String, Double> expected, Map<String, Double> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((text, score) -> assertEquals(score, actual.get(text), 1e-5 * Math.max(1, score), text));
    }

    @Test
    void bm25ScoresFollowLucenesFormulaWithOrWithoutAnIndex() {
        client.ingest("docs", Map.of("text", CORPUS));
        Map<String, Double> fox = Map.of(
                "fox hunting fox den", bm25(5, 2, 2, 4, 4), "the quick brown fox", bm25(5, 2, 1, 4, 4));
        Map<String, Double> brownDog = Map.of(
                "a brown dog and a brown cat", bm25(5, 2, 2, 7, 4) + bm25(5, 2, 1, 7, 4),
                "the quick brown fox", bm25(5, 2, 1, 4, 4),
                "the lazy dog", bm25(5, 2, 1, 3, 4));
        String top = "SELECT text, text <#> 'fox' AS score FROM docs ORDER BY score DESC LIMIT 2";

        assertScores(fox, scores(top));
        assertTrue(Files.isDirectory(indexes().resolve("docs").resolve("text")), "built on first use");
        assertEquals(List.of("fox hunting fox den", "the quick brown fox"),
                client.query(top).stream().map(r -> r.getString("text")).toList(), "best first");
        Map<String, Double> all = scores("SELECT text, text <#> $1 AS score FROM docs", "Brown DOG");
        assertEquals(0.0, all.get("quick thinking"), "no match scores 0");
        all.values().removeIf(score -> score == 0);
        assertScores(brownDog, all);

        client.query("CREATE INDEX docs_text ON docs USING deeplake_index (text)");
        assertScores(fox, scores(top));
        assertScores(brownDog, scores("SELECT text, text <#> $1 AS score FROM docs ORDER BY score DESC LIMIT 3", "brown dog"));
    }

    @Test
    void bm25KeepsUpWithAppendsUpdatesAndDeletes() {
        client.ingest("docs", Map.of("text", CORPUS));
        String sql = "SELECT text, text <#> 'fox' AS score FROM docs ORDER BY score DESC LIMIT 1";
        assertEquals("fox hunting fox den", client.query(sql).get(0).getString("text"));

        client.ingest("docs", Map.of("text", List.of("fox fox fox")));
        assertScores(Map.of("fox fox fox", bm25(6, 3, 3, 3, 23 / 6.0)), scores(sql));
        client.query("UPDATE docs SET text = 'no longer' WHERE text = 'fox fox fox'");
        client.query("DELETE FROM docs WHERE text = 'the lazy dog'");
        // Five rows again, lengths 4, 4, 7, 2, 2: the statistics are the table's, not the index's history.
        assertScores(Map.of("fox hunting fox den", bm25(5, 2, 2, 4, 19 / 5.0)), scores(sql));
        client.query("INSERT INTO docs (text) VALUES ('fox')");
        assertEquals("fox", client.query(sql).get(0).getString("text"));
    }

    @Test
    void hybridRanksDifferentlyFromVectorAndTextAlone() {
        // Query vector [1, 0], text 'fox'. Vector alone prefers A, text alone B, 0.7/0.3 hybrid C:
        // cosines 1, 0, 0.8, -1 normalise to 1, 0.5, 0.9, 0; BM25 0, 0.62, 0.43, 0 to 0, 1, 0.69, 0.
        client.ingest("t", Map.of(
                "text", List.of("dog", "fox fox fox", "fox jumps", "cat"),
                "embedding", List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.8f, 0.6f}, new float[] {-1, 0})),
                IngestOptions.builder().index("embedding", "text").build());
        float[] vector = {1, 0};
        assertEquals("dog", top("SELECT *, embedding <#> $1 AS score FROM t ORDER BY score DESC LIMIT 10", vector));
        assertEquals("fox fox fox", top("SELECT *, text <#> $1 AS score FROM t ORDER BY score DESC LIMIT 10", "fox"));
        List<Row> hybrid = client.query("SELECT *, (embedding, text)::deeplake_hybrid_record <#>"
                + " deeplake_hybrid_record($1, $2, 0.7, 0.3) AS score FROM t ORDER BY score DESC LIMIT 10", vector, "fox");
        assertEquals(List.of("fox jumps", "dog", "fox fox fox", "cat"), hybrid.stream().map(r -> r.getString("text")).toList());
        double textC = bm25(4, 2, 1, 2, 1.75) / bm25(4, 2, 3, 3, 1.75);
        assertEquals(0.7 * 0.9 + 0.3 * textC, hybrid.get(0).getDouble("score"), 1e-5);
        assertEquals(0.0, hybrid.get(3).getDouble("score"), 1e-6);

        List<Row> equal = client.query("SELECT text FROM t ORDER BY (embedding, text)::deeplake_hybrid_record <#>"
                + " deeplake_hybrid_record($1, $2) DESC LIMIT 1", vector, "fox");
        assertEquals("fox jumps", equal.get(0).getString("text"), "0.5/0.5 by default: C 0.80, B 0.75, A 0.5");
    }

    private String top(String sql, Object... params) {
        return client.query(sql, params).get(0).getString("text");
    }

    @Test
    void createIndexIsIdempotentAndDropIndexRemovesIt() {
        client.ingest("docs", Map.of("text", CORPUS, "n", List.of(1L, 2L, 3L, 4L, 5L)));
        client.createIndex("docs", "text");
        client.createIndex("docs", "text");
        client.query("CREATE INDEX IF NOT EXISTS ON docs USING deeplake_index (text)");
        client.query("CREATE INDEX other_name ON docs USING deeplake_index (text)");
        Path folder = indexes().resolve("docs").resolve("text");
        assertTrue(Files.isDirectory(folder));

        TableError wrongType = assertThrows(TableError.class, () -> client.createIndex("docs", "n"));
        assertTrue(wrongType.getMessage().contains("INT64") && wrongType.getMessage().contains("EMBEDDING")
                && wrongType.getMessage().contains("TEXT"), wrongType.getMessage());
        assertThrows(TableError.class, () -> client.query("CREATE INDEX ON docs USING deeplake_index (n)"));
        assertThrows(TableError.class, () -> client.createIndex("docs", "missing"));
        assertThrows(TableError.class, () -> client.createIndex("nowhere", "text"));

        client.query("DROP INDEX docs_text_idx");
        assertFalse(Files.exists(folder));
        assertThrows(TableError.class, () -> client.query("DROP INDEX docs_text_idx"));
        client.query("DROP INDEX IF EXISTS docs_text_idx");
    }

    /** {@link #LARGE} rows: a random unit vector each, a category 0..4 and a text of words w0..w9. */
    private List<float[]> ingestLarge(String table, long seed, IngestOptions options) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        List<Long> categories = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
            vectors.add(randomVector(random));
            categories.add((long) (i % 5));
            texts.add("w" + random.nextInt(10) + " w" + random.nextInt(10) + " w" + random.nextInt(10));
        }
        client.ingest(table, Map.of("embedding", vectors, "category", categories, "text", texts), options);
        return vectors;
    }

    private static float[] randomVector(Random random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    private List<String> ids(String sql, Object... params) {
        return client.query(sql, params).stream().map(r -> r.getString("_id")).toList();
    }

    /** The same statement made unroutable: the search in a subquery, ordered and limited outside. */
    private List<String> exactIds(String where, String search, int k, Object... params) {
        return ids("SELECT _id FROM (SELECT _id, " + search + " AS score FROM t" + where + ") ORDER BY score DESC, _id LIMIT "
                + k, params);
    }

    private String explain(String sql, Object... params) {
        return client.query("EXPLAIN " + sql, params).get(0).getString("explain_value");
    }

    @Test
    void filtersCombineWithIndexedSearchAndGiveTheExactAnswer() {
        ingestLarge("t", 1, IngestOptions.builder().index("embedding").build());
        float[] query = randomVector(new Random(2));
        String routed = "SELECT _id, embedding <#> $1 AS score FROM t WHERE category = $2 ORDER BY score DESC, _id LIMIT 10";
        assertTrue(explain(routed, query, 3L).startsWith("Index Scan"), explain(routed, query, 3L));
        assertEquals(exactIds(" WHERE category = $2", "embedding <#> $1", 10, query, 3L), ids(routed, query, 3L));

        // One row in 400 passes: the candidates grow until the exact statement answers.
        String oneRow = "SELECT _id, embedding <#> $1 AS score FROM t WHERE category = 4 AND text @> $2"
                + " ORDER BY score DESC LIMIT 10";
        String rare = client.query("SELECT text FROM t WHERE category = 4 LIMIT 1").get(0).getString("text");
        assertEquals(exactIds(" WHERE category = 4 AND text @> $2", "embedding <#> $1", 10, query, rare),
                ids(oneRow, query, rare));

        String text = "SELECT _id, text <#> 'w3 w7' AS score FROM t WHERE category < 2 ORDER BY score DESC, _id LIMIT 5 OFFSET 2";
        assertTrue(explain(text).startsWith("Index Scan"));
        List<String> exact = exactIds(" WHERE category < 2", "text <#> 'w3 w7'", 7);
        assertEquals(exact.subList(2, 7), ids(text));
    }

    @Test
    void rowsAppendedAfterTheIndexAreFoundAndDeletedOnesAreNot() {
        List<float[]> vectors = ingestLarge("t", 3, IngestOptions.builder().index("embedding", "text").build());
        String nearest = "SELECT _id, text, embedding <#> $1 AS score FROM t ORDER BY score DESC LIMIT 3";
        float[] fresh = randomVector(new Random(4));
        client.ingest("t", Map.of("embedding", List.of(fresh), "text", List.of("appended by ingest")));
        assertEquals("appended by ingest", client.query(nearest, fresh).get(0).getString("text"));
        client.query("INSERT INTO t (embedding, text) VALUES ($1, 'appended by sql')", new float[] {fresh[0], fresh[1] + 0.001f,
                fresh[2], fresh[3], fresh[4], fresh[5], fresh[6], fresh[7]});
        assertEquals(Set.of("appended by ingest", "appended by sql"),
                Set.copyOf(client.query(nearest, fresh).subList(0, 2).stream().map(r -> r.getString("text")).toList()));
        assertTrue(explain(nearest, fresh).startsWith("Index Scan"));

        float[] old = vectors.get(7);
        String best = ids(nearest, old).get(0);
        client.query("DELETE FROM t WHERE _id = $1", best);
        List<String> after = ids(nearest, old);
        assertFalse(after.contains(best), "a deleted row is never served");
        assertEquals(exactIds("", "embedding <#> $1", 3, old), after);

        String words = "SELECT _id, text <#> 'appended' AS score FROM t ORDER BY score DESC LIMIT 5";
        client.query("DELETE FROM t WHERE text = 'appended by sql'");
        assertEquals(1, client.query(words).stream().filter(r -> r.getDouble("score") > 0).count());
        client.query("UPDATE t SET embedding = $1 WHERE text = 'appended by ingest'", old);
        assertEquals("appended by ingest", client.query(nearest, old).get(0).getString("text"), "updated vector is re-indexed");
    }

    @Test
    void hybridOnIndexesFiltersAndNormalisesOverItsCandidates() {
        ingestLarge("t", 13, IngestOptions.builder().index("embedding", "text").build());
        float[] query = randomVector(new Random(14));
        String sql = "SELECT category, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0.7, 0.3)"
                + " AS score FROM t WHERE category = 2 ORDER BY score DESC LIMIT 10";
        String plan = explain(sql, query, "w4");
        assertTrue(plan.startsWith("Index Scan") && plan.contains("t_embedding_idx (HNSW, cosine)")
                && plan.contains("t_text_idx (BM25)"), plan);
        List<Row> rows = client.query(sql, query, "w4");
        assertEquals(10, rows.size());
        double previous = 1;
        for (Row row : rows) {
            assertEquals(2L, row.getLong("category"));
            double score = row.getDouble("score");
            assertTrue(score <= previous + 1e-9 && score >= 0, "normalised weights keep scores in [0, 1], best first");
            previous = score;
        }
    }

    @Test
    void tablesMadeWithSqlAreIndexedToo() {
        client.query("CREATE TABLE notes (body TEXT, vec EMBEDDING(2))");
        client.query("INSERT INTO notes (body, vec) VALUES ('red fox', ARRAY[1, 0]), ('blue whale', ARRAY[0, 1])");
        client.query("CREATE INDEX notes_vec ON notes USING deeplake_index (vec)");
        assertEquals("red fox", client.query("SELECT body FROM notes ORDER BY vec <#> $1 DESC LIMIT 1", new float[] {1, 0.1f})
                .get(0).getString("body"));
        assertEquals("blue whale", client.query("SELECT body FROM notes ORDER BY body <#> 'whale' DESC LIMIT 1")
                .get(0).getString("body"));
        client.query("DROP INDEX notes_vec");
        assertFalse(Files.exists(indexes().resolve("notes").resolve("vec")));
        assertTrue(Files.exists(indexes().resolve("notes").resolve("body")), "the BM25 index built on first use stays");
    }

    @Test
    void indexedTopTenHasTheExactAnswersRecall() {
        ingestLarge("t", 5, IngestOptions.builder().index("embedding").build());
        Random random = new Random(6);
        int found = 0;
        int queries = 20;
        for (int q = 0; q < queries; q++) {
            float[] query = randomVector(random);
            Set<String> exact = new HashSet<>(exactIds("", "embedding <#> $1", 10, query));
            found += (int) ids("SELECT _id, embedding <#> $1 AS score FROM t ORDER BY score DESC LIMIT 10", query).stream()
                    .filter(exact::contains).count();
        }
        assertTrue(found >= 0.95 * queries * 10, "recall@10 " + found / (queries * 10.0));
    }

    @Test
    void explainSaysWhetherAnIndexIsUsed() {
        client.ingest("t", Map.of("text", CORPUS, "embedding", List.of(
                new float[] {1, 0}, new float[] {0, 1}, new float[] {1, 1}, new float[] {-1, 0}, new float[] {0, -1})));
        String vector = "SELECT text, embedding <#> $1 AS score FROM t ORDER BY score DESC LIMIT 2";
        String plan = explain(vector, new float[] {1, 0});
        assertTrue(plan.startsWith("Exact") && plan.contains("no deeplake_index on t.embedding"), plan);
        client.createIndex("t", "embedding");
        plan = explain(vector, new float[] {1, 0});
        assertTrue(plan.startsWith("Index Scan") && plan.contains("t_embedding_idx (HNSW, cosine)"), plan);
        plan = explain("SELECT text <#> 'fox' AS s FROM t");
        assertTrue(plan.startsWith("Exact") && plan.contains("built on first use"), plan);
        List<Row> rows = client.query("EXPLAIN SELECT text FROM t ORDER BY text <#> 'fox' DESC LIMIT 1");
        assertEquals("physical_plan", rows.get(1).getString("explain_key"));
    }

    @Test
    void indexFilesGoWithTheirTableAndAreRebuiltWhenLost() throws Exception {
        ingestLarge("t", 7, IngestOptions.builder().index("embedding", "text").build());
        ingestLarge("u", 8, IngestOptions.builder().index("text").build());
        Path vectors = indexes().resolve("t").resolve("embedding");
        assertTrue(Files.isDirectory(vectors) && Files.isDirectory(indexes().resolve("t").resolve("text")));
        float[] query = randomVector(new Random(9));
        String nearest = "SELECT _id, embedding <#> $1 AS score FROM t ORDER BY score DESC LIMIT 5";
        List<String> before = ids(nearest, query);

        client.close();
        try (var files = Files.list(vectors)) {
            for (Path file : files.toList()) {
                Files.write(file, new byte[] {1, 2, 3});
            }
        }
        IndexFoldersLost.delete(indexes().resolve("t").resolve("text"));
        client = Client.builder().root(root).env(Map.of()).build();
        assertEquals(before, ids(nearest, query), "rebuilt from the table");
        assertTrue(explain(nearest, query).startsWith("Index Scan"));
        assertTrue(client.query("SELECT text <#> 'w1' AS s FROM t").stream().anyMatch(r -> r.getDouble("s") > 0));
        assertTrue(Files.isDirectory(indexes().resolve("t").resolve("text")));

        client.query("DROP TABLE t");
        assertFalse(Files.exists(indexes().resolve("t")));
        client.dropTable("u");
        assertFalse(Files.exists(indexes().resolve("u")));
        ingestLarge("t", 10, IngestOptions.defaults());
        assertTrue(explain(nearest, query).startsWith("Exact"), "a new table of the same name has no index");
    }

    @Test
    void alteringAnIndexedTableKeepsItsIndexesWhereTheColumnsRemain() {
        ingestLarge("t", 11, IngestOptions.builder().index("embedding", "text").build());
        client.query("ALTER TABLE t ADD COLUMN note TEXT");
        client.query("ALTER TABLE t RENAME COLUMN category TO kind");
        float[] query = randomVector(new Random(12));
        String nearest = "SELECT _id, embedding <#> $1 AS score FROM t WHERE kind = 1 ORDER BY score DESC LIMIT 5";
        assertTrue(explain(nearest, query).startsWith("Index Scan"));
        assertEquals(exactIds(" WHERE kind = 1", "embedding <#> $1", 5, query), ids(nearest, query));
        client.query("ALTER TABLE t DROP COLUMN embedding");
        assertFalse(Files.exists(indexes().resolve("t").resolve("embedding")));
        assertTrue(Files.exists(indexes().resolve("t").resolve("text")));
        assertNotEquals(0, client.query("SELECT text <#> 'w2' AS s FROM t ORDER BY s DESC LIMIT 1").get(0).getDouble("s"));
    }

    /** A statement repeated with new values is translated once (TranslationCache) but answers for each call's values. */
    @Test
    void aRepeatedStatementAnswersForEachCallsValues() {
        List<float[]> vectors = ingestLarge("t", 21, IngestOptions.builder().index("embedding", "text").build());
        String nearest = "SELECT _id, embedding <#> $1 AS score FROM t ORDER BY score DESC, _id LIMIT $2";
        for (int row : new int[] {3, 90, 250}) {
            float[] query = vectors.get(row);
            assertEquals(exactIds("", "embedding <#> $1", 4, query), ids(nearest, query, 4L));
        }
        assertEquals(exactIds("", "embedding <#> $1", 2, vectors.get(7)), ids(nearest, vectors.get(7), 2L), "this call's LIMIT");
        String words = "SELECT _id, text <#> $1 AS score FROM t ORDER BY score DESC, _id LIMIT 5";
        for (String query : List.of("w1", "w2 w8", "w5")) {
            assertEquals(exactIds("", "text <#> $1", 5, query), ids(words, query));
        }

        client.ingest("h", Map.of(
                "text", List.of("dog", "fox fox fox", "fox jumps", "cat"),
                "embedding", List.of(new float[] {1, 0}, new float[] {0, 1}, new float[] {0.8f, 0.6f}, new float[] {-1, 0})));
        String hybrid = "SELECT text FROM h ORDER BY (embedding, text)::deeplake_hybrid_record <#>"
                + " deeplake_hybrid_record($1, $2, $3, $4) DESC LIMIT 1";
        float[] vector = {1, 0};
        assertEquals("dog", top(hybrid, vector, "fox", 1.0, 0.0));
        assertEquals("fox fox fox", top(hybrid, vector, "fox", 0.0, 1.0));
        assertEquals("fox jumps", top(hybrid, vector, "fox", 0.7, 0.3));
        assertEquals("cat", top(hybrid, new float[] {-1, 0}, "fox", 1.0, 0.0));
    }

    /** Whether an index answers is decided at each call, not when the statement was first translated. */
    @Test
    void aRepeatedStatementFollowsIndexesCreatedAndDropped() {
        List<float[]> vectors = ingestLarge("t", 22, IngestOptions.builder().build());
        String nearest = "SELECT _id, embedding <#> $1 AS score FROM t ORDER BY score DESC, _id LIMIT 5";
        float[] query = vectors.get(11);
        List<String> exact = exactIds("", "embedding <#> $1", 5, query);
        assertEquals(exact, ids(nearest, query));
        assertTrue(explain(nearest, query).startsWith("Exact"), explain(nearest, query));
        client.query("CREATE INDEX t_vec ON t USING deeplake_index (embedding)");
        assertTrue(explain(nearest, query).startsWith("Index Scan") && explain(nearest, query).contains("t_vec"),
                explain(nearest, query));
        assertEquals(exact, ids(nearest, query));
        client.query("DROP INDEX t_vec");
        assertTrue(explain(nearest, query).startsWith("Exact"), explain(nearest, query));
        assertEquals(exact, ids(nearest, query));
    }

    @Test
    void aRepeatedStatementReadsATableRecreatedWithOtherColumns() {
        client.query("CREATE TABLE notes (body TEXT, vec EMBEDDING(2))");
        client.query("INSERT INTO notes (body, vec) VALUES ('red fox', ARRAY[1, 0]), ('blue whale', ARRAY[0, 1])");
        client.createIndex("notes", "vec");
        String sql = "SELECT * FROM notes ORDER BY vec <#> $1 DESC LIMIT 1";
        assertEquals("red fox", client.query(sql, new float[] {1, 0.1f}).get(0).getString("body"));

        client.query("DROP TABLE notes");
        client.query("CREATE TABLE notes (title TEXT, n INT64, vec EMBEDDING(2))");
        client.query("INSERT INTO notes (title, n, vec) VALUES ('left', 1, ARRAY[-1, 0]), ('up', 2, ARRAY[0, 1])");
        Row row = client.query(sql, new float[] {0.1f, 1}).get(0);
        assertEquals(Set.of("_id", "title", "n", "vec"), row.keySet());
        assertEquals("up", row.getString("title"));
        assertEquals(2L, row.getLong("n"));
        assertTrue(explain(sql, new float[] {0.1f, 1}).startsWith("Exact"), "the dropped table's index went with it");
        client.createIndex("notes", "vec");
        assertEquals("left", client.query(sql, new float[] {-1, 0.1f}).get(0).getString("title"));
    }

    /** Deletes a folder tree, as a user or a crash might. */
    private static final class IndexFoldersLost {
        static void delete(Path folder) throws Exception {
            try (var files = Files.walk(folder)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
