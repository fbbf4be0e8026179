package ai.deeplake.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** pg_deeplake's search operators {@code <#>} and {@code @>}, translated and run on DuckDB. */
class SqlTranslatorSearchTest {
    private static final double EPSILON = 1e-6;
    private static final double HALF_SQRT2 = Math.sqrt(0.5);

    private final DuckDbSession db = new DuckDbSession();

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    /** Rows 1..4 hold [1,0,0], [1,1,0], [0,0,1], [3,4,0]; cosines to [1,0,0] are 1, 0.7071, 0, 0.6. */
    private void createVectors(String vectorType) {
        db.update("CREATE TABLE docs (id INT64, emb " + vectorType + ")");
        db.update("INSERT INTO docs (id, emb) VALUES (1, ARRAY[1, 0, 0]), (2, ARRAY[1, 1, 0]), (3, ARRAY[0, 0, 1])");
        db.update("INSERT INTO docs (id, emb) VALUES ($1, $2)", 4L, new float[] {3, 4, 0});
    }

    private void assertRanking(List<List<Object>> rows) {
        assertEquals(List.of(1L, 2L, 4L, 3L), rows.stream().map(row -> row.get(0)).toList(), "order, best first");
        double[] expected = {1.0, HALF_SQRT2, 0.6, 0.0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ((Number) rows.get(i).get(1)).doubleValue(), EPSILON, "score of row " + i);
        }
    }

    @Test
    void cosineWithAVectorParameterOnAFixedSizeColumn() {
        createVectors("EMBEDDING(3)");
        String sql = "SELECT id, emb <#> $1 AS similarity FROM docs ORDER BY similarity DESC LIMIT 10";
        Translation translation = db.translate(sql, (Object) new float[] {1, 0, 0});
        assertTrue(translation.sql().contains("array_cosine_similarity(CAST(emb AS FLOAT[3]), CAST($1 AS FLOAT[3]))"),
                translation.sql());
        assertRanking(db.query(sql, (Object) new float[] {1, 0, 0}));
    }

    @Test
    void cosineOnAColumnStoredAsAList() {
        createVectors("EMBEDDING");
        assertRanking(db.query("SELECT id, emb <#> $1 AS s FROM docs ORDER BY s DESC", (Object) new float[] {1, 0, 0}));
    }

    @Test
    void cosineWithAnArrayLiteral() {
        createVectors("FLOAT4[3]");
        assertRanking(db.query("SELECT id, emb <#> ARRAY[1.0, 0, 0] AS s FROM docs ORDER BY s DESC"));
    }

    @Test
    void cosineWithDoubleArrayAndListParameters() {
        createVectors("EMBEDDING(3)");
        assertRanking(db.query("SELECT id, emb <#> $1 AS s FROM docs ORDER BY s DESC", (Object) new double[] {2, 0, 0}));
        assertRanking(db.query("SELECT id, $1 <#> emb AS s FROM docs ORDER BY s DESC", List.of(0.5, 0.0, 0.0)));
    }

    @Test
    void cosineWithACastVector() {
        createVectors("EMBEDDING(3)");
        assertRanking(db.query("SELECT id, emb <#> ARRAY[1, 0, 0]::FLOAT4[] AS s FROM docs ORDER BY s DESC"));
    }

    @Test
    void cosineOfVectorsOfDifferentLengthsIsRefused() {
        TableError error = assertThrows(TableError.class,
                () -> db.translate("SELECT ARRAY[1, 0] <#> $1", (Object) new float[] {1, 0, 0}));
        assertTrue(error.getMessage().contains("2 and 3"), error.getMessage());
    }

    /** Row 1 holds [[1,0],[0,1]], row 2 [[0,1]]. */
    private void createMultiVectors(String type) {
        db.update("CREATE TABLE pages (id INT64, vecs " + type + ")");
        db.update("INSERT INTO pages (id, vecs) VALUES (1, [[1, 0], [0, 1]]), (2, [[0, 1]])");
    }

    @Test
    void maxSimWithA2dArrayLiteral() {
        createMultiVectors("EMBEDDING(2)[]");
        // Query [[1,0],[1,1]]: row 1 best cosines 1 and 0.7071, row 2 0 and 0.7071; averaged.
        List<List<Object>> rows = db.query("SELECT id, vecs <#> ARRAY[[1, 0], [1, 1]] AS score FROM pages"
                + " ORDER BY score DESC");
        assertEquals(List.of(1L, 2L), rows.stream().map(row -> row.get(0)).toList());
        assertEquals((1 + HALF_SQRT2) / 2, ((Number) rows.get(0).get(1)).doubleValue(), EPSILON);
        assertEquals(HALF_SQRT2 / 2, ((Number) rows.get(1).get(1)).doubleValue(), EPSILON);
    }

    @Test
    void maxSimWithA2dParameterOnAListOfListsColumn() {
        createMultiVectors("FLOAT4[][]");
        // Query [[1,0],[0,1],[1,1]]: row 1 best cosines 1, 1, 0.7071; row 2 0, 1, 0.7071.
        float[][] query = {{1, 0}, {0, 1}, {1, 1}};
        List<List<Object>> rows = db.query("SELECT id, vecs <#> $1 AS score FROM pages ORDER BY id", (Object) query);
        assertEquals((2 + HALF_SQRT2) / 3, ((Number) rows.get(0).get(1)).doubleValue(), EPSILON);
        assertEquals((1 + HALF_SQRT2) / 3, ((Number) rows.get(1).get(1)).doubleValue(), EPSILON);
    }

    @Test
    void maxSimWithACast2dLiteral() {
        createMultiVectors("EMBEDDING(2)[]");
        Object score = db.value("SELECT ARRAY[[1, 0], [1, 1]]::FLOAT4[][] <#> vecs FROM pages WHERE id = 1");
        assertEquals((1 + HALF_SQRT2) / 2, ((Number) score).doubleValue(), EPSILON);
    }

    @Test
    void raggedQueryVectorsAreRefused() {
        assertThrows(TableError.class, () -> db.translate("SELECT vecs <#> $1 FROM pages",
                (Object) new float[][] {{1, 0}, {1}}));
        assertThrows(TableError.class, () -> db.translate("SELECT vecs <#> ARRAY[[1, 0], [1]] FROM pages"));
    }

    @Test
    void bm25ReadsItsScoresFromARelationTheEngineFills() {
        createTexts();
        String sql = "SELECT id, text <#> 'fox' AS score FROM docs ORDER BY score DESC LIMIT 5";
        Translation translation = db.translate(sql);
        SearchPlan plan = translation.search();
        assertEquals(List.of(new TextSearch(0, "docs", "text", "fox", 0)), plan.texts());
        assertEquals(SearchRoute.Kind.TEXT, plan.route().kind());
        assertEquals(5, plan.route().limit());
        assertTrue(translation.sql().contains("temp.__dl_scores_0"), translation.sql());

        String ids = "SELECT _id FROM docs WHERE id = 1";
        String fox = (String) db.rows(ids).get(0).get(0);
        SearchPlan.Arguments arguments = plan.arguments();
        String candidates = plan.candidates(List.of(fox), arguments);
        String routed = plan.template().render(candidates, id -> SearchPlan.listLookup(List.of(fox), new double[] {1.5},
                arguments));
        assertEquals(3, arguments.values().size(), "the engine's values are parameters $1, $2, $3: " + arguments.values());
        assertEquals(List.of(List.of(1L, 1.5)), db.rows(routed, arguments.values().toArray()));
        SearchPlan.Arguments all = plan.arguments();
        String every = plan.template().render("TRUE", id -> SearchPlan.listLookup(List.of(fox), new double[] {1.5}, all));
        assertEquals(List.of(1L, 1.5), db.rows(every, all.values().toArray()).get(0));
        assertEquals(3, db.rows(every, all.values().toArray()).size(), "rows without a match score 0");
        // The exact statement reads the scores from the temporary table the engine fills.
        db.execute("CREATE TEMP TABLE " + SearchPlan.scoresTable(0) + " AS SELECT '" + fox + "' AS i, 2.5::DOUBLE AS s");
        assertEquals(List.of(List.of(1L, 2.5), List.of(2L, 0.0), List.of(3L, 0.0)), db.rows(translation.sql()).stream()
                .sorted(java.util.Comparator.comparing(row -> (Long) row.get(0))).toList());
    }

    @Test
    void aBm25QueryParameterStaysInTheStatement() {
        // DuckDB fails on a gap in $1..$n, so the query parameter is written even though the relation holds its scores.
        Translation translation = db.translate("SELECT * FROM docs ORDER BY text <#> $1 DESC LIMIT $2", "fox", 5L);
        assertTrue(translation.sql().contains("CAST($1 AS VARCHAR)") && translation.sql().contains("LIMIT $2"),
                translation.sql());
        assertEquals(5, translation.search().route().limit());
        assertEquals(2, translation.search().parameters(), "the engine's own values follow $2");
    }

    @Test
    void bm25NeedsATextColumnAndAStringQuery() {
        assertThrows(TableError.class, () -> db.translate("SELECT 'a' <#> 'fox' FROM docs"));
        TableError ambiguous = assertThrows(TableError.class,
                () -> db.translate("SELECT text <#> 'fox' FROM docs, other"));
        assertTrue(ambiguous.getMessage().contains("qualify"), ambiguous.getMessage());
        Translation qualified = db.translate("SELECT o.text <#> 'fox' FROM docs d JOIN other o ON d.id = o.id");
        assertEquals(List.of(new TextSearch(0, "other", "text", "fox", 0)), qualified.search().texts());
        assertTrue(qualified.sql().contains("__dl_h.i = (o._id)"), qualified.sql());
    }

    @Test
    void hybridSearchWeightsNormalisedScores() {
        String sql = "SELECT *, (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 0.7, 0.3)"
                + " AS score FROM docs ORDER BY score DESC LIMIT 10";
        Translation translation = db.translate(sql, new float[] {1, 0}, "fox");
        SearchRoute route = translation.search().route();
        assertEquals(SearchRoute.Kind.HYBRID, route.kind());
        assertEquals(new TextSearch(0, "docs", "text", "fox", 2), route.text());
        assertEquals("embedding", route.vector().column());
        assertTrue(translation.sql().contains("CAST(0.7 AS DOUBLE) * COALESCE(") && translation.sql().contains("OVER ()"),
                translation.sql());

        Translation defaults = db.translate(
                "SELECT (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2) FROM docs",
                new float[] {1, 0}, "fox");
        assertTrue(defaults.sql().startsWith("SELECT (0.5 * "), defaults.sql());
        assertEquals(null, defaults.search().route(), "not a top-k statement");
        assertThrows(TableError.class, () -> db.translate(
                "SELECT (embedding, text)::deeplake_hybrid_record <#> deeplake_hybrid_record($1, $2, 'x', 1) FROM docs",
                new float[] {1, 0}, "fox"));
        TableError noQuery = assertThrows(TableError.class, () -> db.translate(
                "SELECT (embedding, text)::deeplake_hybrid_record <#> $1 FROM docs", new float[] {1, 0}));
        assertTrue(noQuery.getMessage().startsWith("Hybrid search is written"), noQuery.getMessage());
        TableError misplaced = assertThrows(TableError.class,
                () -> db.translate("SELECT deeplake_hybrid_record($1, $2)", new float[] {1, 0}, "fox"));
        assertTrue(misplaced.getMessage().contains("only works on the right of <#>"), misplaced.getMessage());
    }

    @Test
    void onlyTopKStatementsAreRouted() {
        Object query = new float[] {1, 0, 0};
        for (String routed : List.of(
                "SELECT id, emb <#> $1 AS s FROM docs ORDER BY s DESC LIMIT 3",
                "SELECT id FROM docs WHERE id > 1 ORDER BY emb <#> $1 DESC LIMIT 3 OFFSET 2",
                "SELECT id, emb <#> $1 FROM docs d ORDER BY 2 DESC, id LIMIT 3")) {
            assertEquals(SearchRoute.Kind.VECTOR, db.translate(routed, query).search().route().kind(), routed);
        }
        assertEquals(5, db.translate("SELECT * FROM docs ORDER BY emb <#> $1 DESC LIMIT 3 OFFSET 2", query)
                .search().route().needed());
        for (String exact : List.of(
                "SELECT id, emb <#> $1 AS s FROM docs ORDER BY s ASC LIMIT 3",
                "SELECT id, emb <#> $1 AS s FROM docs ORDER BY s DESC",
                "SELECT id, emb <#> $1 AS s FROM docs ORDER BY id DESC LIMIT 3",
                "SELECT DISTINCT id, emb <#> $1 AS s FROM docs ORDER BY s DESC LIMIT 3",
                "SELECT d.id, d.emb <#> $1 AS s FROM docs d JOIN other o ON d.id = o.id ORDER BY s DESC LIMIT 3",
                "SELECT id, emb <#> $1 AS s, count(*) OVER () FROM docs ORDER BY s DESC LIMIT 3",
                "WITH x AS (SELECT * FROM docs) SELECT id FROM x ORDER BY emb <#> $1 DESC LIMIT 3",
                "SELECT id FROM docs WHERE (emb <#> $1) > 0.5 ORDER BY emb <#> $1 DESC LIMIT 3")) {
            Translation translation = db.translate(exact, query);
            assertTrue(translation.search() == null || translation.search().route() == null, exact);
        }
    }

    @Test
    void aRoutedStatementGetsTheCandidatesInItsWhere() {
        createVectors("EMBEDDING(3)");
        String sql = "SELECT id FROM docs WHERE id <> 2 OR id = 2 ORDER BY emb <#> $1 DESC LIMIT 2";
        SearchPlan plan = db.translate(sql, (Object) new float[] {1, 0, 0}).search();
        List<Object> ids = db.rows("SELECT _id FROM docs WHERE id IN (3, 4) ORDER BY id").stream().map(r -> r.get(0)).toList();
        SearchPlan.Arguments arguments = plan.arguments();
        String restricted = plan.template().render(plan.candidates(List.of((String) ids.get(0), (String) ids.get(1)),
                arguments), id -> "unused");
        assertTrue(restricted.contains("(id <> 2 OR id = 2) AND docs._id IN ($2, $3)"), restricted);
        assertEquals(List.of(List.of(4L), List.of(3L)), db.rows(restricted, new float[] {1, 0, 0}, ids.get(0), ids.get(1)));
    }

    @Test
    void bm25SimilarityFunctionPointsToTheOperator() {
        TableError error = assertThrows(TableError.class,
                () -> db.translate("SELECT id FROM docs ORDER BY BM25_SIMILARITY(text, 'fox') DESC"));
        assertTrue(error.getMessage().contains("<#>"), error.getMessage());
    }

    private void createTexts() {
        db.update("CREATE TABLE docs (id INT64, text TEXT)");
        db.update("INSERT INTO docs (id, text) VALUES (1, 'The Quick brown Fox'), (2, 'a lazy dog'), (3, NULL)");
    }

    @Test
    void containsIsACaseInsensitiveSubstringTest() {
        createTexts();
        assertEquals(List.of(List.of(1L)), db.query("SELECT id FROM docs WHERE text @> 'quick BROWN'"));
        assertEquals(List.of(List.of(1L)), db.query("SELECT id FROM docs WHERE text @> $1", "FOX"));
        assertEquals(List.of(List.of(1L)), db.query("SELECT id FROM docs WHERE NOT text @> 'Dog'"));
        assertEquals(List.of(), db.query("SELECT id FROM docs WHERE text @> 'cat'"));
    }

    @Test
    void containsWithAnArrayKeepsListContainment() {
        db.update("CREATE TABLE tagged (id INT64, tags TEXT[])");
        db.update("INSERT INTO tagged (id, tags) VALUES (1, ARRAY['a', 'b']), (2, ARRAY['b'])");
        assertEquals(List.of(List.of(1L)), db.query("SELECT id FROM tagged WHERE tags @> ARRAY['a']"));
    }

    @Test
    void searchInsideAPartJSqlParserDoesNotDeparseIsRefused() {
        // JSqlParser 5.4 prints the right side of IS DISTINCT FROM without its visitor.
        TableError error = assertThrows(TableError.class, () -> db.translate(
                "SELECT id FROM docs WHERE id IS DISTINCT FROM (emb <#> $1)", (Object) new float[] {1, 0}));
        assertTrue(error.getMessage().startsWith("Cannot translate emb <#> $1"), error.getMessage());
    }

    @Test
    void vectorParametersCanBeStored() {
        db.update("CREATE TABLE docs (id INT64, emb EMBEDDING(3), multi FLOAT4[][])");
        db.update("INSERT INTO docs (id, emb, multi) VALUES (1, $1, $2)",
                new float[] {1, 2, 3}, new float[][] {{1, 2}, {3, 4}});
        List<Object> row = db.query("SELECT emb, multi FROM docs").get(0);
        assertEquals(List.of(1f, 2f, 3f), row.get(0));
        List<Object> multi = new ArrayList<>();
        multi.add(List.of(1f, 2f));
        multi.add(List.of(3f, 4f));
        assertEquals(multi, row.get(1));
    }
}
