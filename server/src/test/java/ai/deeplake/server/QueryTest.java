package ai.deeplake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /tables/query} and {@code /tables/query/batch}: the columnar answer, values, parameters and errors. */
class QueryTest {
    @TempDir
    static Path root;
    static TestServer server;
    static final String TOKEN = TestServer.token("org-q");
    static final String QUERY = "/workspaces/ws/tables/query";
    static final String SLOW = "SELECT count(*) FROM range(10000000000) a, range(1000) b";

    @BeforeAll
    static void start() {
        server = new TestServer(root);
        server.workspace(TOKEN, "ws");
        assertEquals(201, server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "items", "schema", Map.of(
                "name", "TEXT", "n", "INT64", "score", "FLOAT64", "ok", "BOOL", "image", "IMAGE", "embedding", "EMBEDDING(3)",
                "meta", "JSON"))).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static TestServer.Answer query(String sql, Object... params) {
        return server.post(QUERY, TOKEN, Map.of("query", sql, "params", Arrays.asList(params)));
    }

    @Test
    void resultsAreColumnarWithHexBytesVectorArraysAndJson() {
        TestServer.Answer insert = query("INSERT INTO items (name, n, score, ok, image, embedding, meta) "
                + "VALUES ($1, $2, $3, $4, decode($5, 'hex'), $6, $7)",
                "apple", 7, 0.5, true, "00ff10", List.of(1.0, 0.5, 0.25), Map.of("tags", List.of("red")));
        assertEquals(200, insert.status(), insert.text());
        assertEquals("{\"row_count\":1}", insert.text(), "no columns or rows for a statement without a result set");

        TestServer.Answer a = query("SELECT name, n, score, ok, image, embedding, meta, NULL AS nothing FROM items WHERE name = $1", "apple");
        assertEquals(200, a.status(), a.text());
        JsonNode json = a.json();
        assertEquals("[\"name\",\"n\",\"score\",\"ok\",\"image\",\"embedding\",\"meta\",\"nothing\"]", json.get("columns").toString());
        assertEquals("[\"TEXT\",\"INT64\",\"FLOAT64\",\"BOOL\",\"BINARY\",\"EMBEDDING\",\"JSON\",\"\\\"NULL\\\"\"]",
                json.get("column_types").toString());
        assertEquals("[[\"apple\",7,0.5,true,\"\\\\x00ff10\",[1.0,0.5,0.25],{\"tags\":[\"red\"]},null]]", json.get("rows").toString());
        assertEquals(1, json.get("row_count").asInt());
    }

    @Test
    void anEmptyResultStillNamesItsColumns() {
        JsonNode json = query("SELECT name, embedding FROM items WHERE false").json();
        assertEquals("[\"name\",\"embedding\"]", json.get("columns").toString());
        assertEquals("[\"TEXT\",\"EMBEDDING\"]", json.get("column_types").toString());
        assertEquals(0, json.get("rows").size());
        assertEquals(0, json.get("row_count").asInt());
    }

    @Test
    void ddlAnswersWithoutColumns() {
        TestServer.Answer a = query("CREATE TABLE ddl_only (x INT64)");
        assertEquals(200, a.status(), a.text());
        assertEquals("{\"row_count\":0}", a.text());
        assertEquals(200, query("CREATE INDEX ON items USING deeplake_index (embedding)").status());
        assertEquals("{\"row_count\":0}", query("DROP TABLE ddl_only").text());
    }

    @Test
    void vectorParametersComeAsJsonArraysOrPostgresArrayText() {
        server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "vecs", "schema", Map.of("label", "TEXT", "v", "EMBEDDING(2)")));
        query("INSERT INTO vecs (label, v) VALUES ('x', ARRAY[1, 0]::FLOAT4[]), ('y', $1::FLOAT4[]), ('{1,2}', ARRAY[0.7, 0.7]::FLOAT4[])", "{0, 1}");
        JsonNode json = query("SELECT label FROM vecs ORDER BY v <#> $1 DESC LIMIT 1", "{0.1,0.9}").json();
        assertEquals("y", json.at("/rows/0/0").asText(), "a PostgreSQL array string right of <#> is a vector");
        json = query("SELECT label FROM vecs ORDER BY v <#> $1 DESC LIMIT 1", List.of(1, 0)).json();
        assertEquals("x", json.at("/rows/0/0").asText());
        json = query("SELECT count(*) FROM vecs WHERE label = $1", "{1,2}").json();
        assertEquals(1, json.at("/rows/0/0").asInt(), "elsewhere array-like text stays text");
    }

    @Test
    void batchInsertsAThousandRowsWithHexBinaries() {
        server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "bulk", "schema", Map.of(
                "i", "INT64", "data", "BINARY", "v", "EMBEDDING(2)", "text", "TEXT")));
        List<List<Object>> rows = new ArrayList<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < 1000; i++) {
            rows.add(Arrays.asList(i, hex.formatHex(new byte[] {(byte) i, (byte) (i >> 8), 0}), List.of(i, -i), i % 10 == 0 ? null : "row " + i));
        }
        long started = System.nanoTime();
        TestServer.Answer a = server.post(QUERY + "/batch", TOKEN, Map.of(
                "query", "INSERT INTO bulk (i, data, v, text) VALUES ($1, decode($2, 'hex'), $3, $4)", "params_batch", rows));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, a.status(), a.text());
        assertEquals("{\"row_count\":1000}", a.text());
        assertTrue(millis < 10_000, "1000 rows took " + millis + " ms");

        JsonNode json = query("SELECT count(*), count(text), sum(i) FROM bulk").json();
        assertEquals("[[1000,900,499500]]", json.get("rows").toString());
        assertEquals("[[\"\\\\xe70300\",[999.0,-999.0]]]", query("SELECT data, v FROM bulk WHERE i = 999").json().get("rows").toString());
    }

    @Test
    void aFailingBatchRowAppliesNothing() {
        server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "atomic", "schema", Map.of("i", "INT64")));
        TestServer.Answer a = server.post(QUERY + "/batch", TOKEN, Map.of(
                "query", "INSERT INTO atomic (i) VALUES ($1)", "params_batch", List.of(List.of(1), List.of(2), List.of("three"))));
        assertEquals(400, a.status());
        assertEquals("QUERY_ERROR", a.code());
        assertTrue(a.error().startsWith("Row 2 of the batch failed, so none was applied"), a.error());
        assertEquals(0, query("SELECT count(*) FROM atomic").json().at("/rows/0/0").asInt());
    }

    @Test
    void badSqlIs400QueryError() {
        TestServer.Answer syntax = query("SELEC nonsense");
        assertEquals(400, syntax.status());
        assertEquals("QUERY_ERROR", syntax.code());
        assertTrue(syntax.error().contains("line 1"), syntax.error());
        TestServer.Answer missing = query("SELECT * FROM no_such_table");
        assertEquals(400, missing.status());
        assertEquals("QUERY_ERROR", missing.code());
        TestServer.Answer sandbox = query("SELECT * FROM read_csv('/etc/passwd')");
        assertEquals(400, sandbox.status());
        assertEquals("QUERY_ERROR", sandbox.code());
    }

    @Test
    void malformedRequestsAre400() {
        TestServer.Answer broken = server.post(QUERY, TOKEN, "{\"query\": ");
        assertEquals(400, broken.status());
        assertEquals("BAD_REQUEST", broken.code());
        assertTrue(broken.error().startsWith("Malformed JSON: "), broken.error());
        assertTrue(server.post(QUERY, TOKEN, "{\"query\": \"SELECT 1\"} trailing").error().startsWith("Malformed JSON: "));
        assertTrue(server.post(QUERY, TOKEN, "[1]").error().startsWith("Malformed JSON: the request body must be a JSON object"));
        assertTrue(server.post(QUERY, TOKEN, "").error().startsWith("Malformed JSON: the request body is empty"));
        assertEquals("query is required", server.post(QUERY, TOKEN, "{}").error());
        assertEquals("params must be an array", server.post(QUERY, TOKEN, Map.of("query", "SELECT 1", "params", 1)).error());
        assertEquals("timeout_ms must be a positive integer", server.post(QUERY, TOKEN, Map.of("query", "SELECT 1", "timeout_ms", -5)).error());
        TestServer.Answer words = query("SELECT $1", List.of("a", "b"));
        assertEquals(400, words.status());
        assertTrue(words.error().startsWith("Parameter $1: an array parameter must be a vector"), words.error());
    }

    @Test
    void unknownRouteIs404() {
        TestServer.Answer a = server.get("/no/such/route", TOKEN);
        assertEquals(404, a.status());
        assertEquals("NOT_FOUND", a.code());
        assertEquals("Not found: /no/such/route", a.error());
        assertEquals(404, server.get("/workspaces/ws/tables/query", TOKEN).status(), "query is POST only");
    }

    @Test
    void queryTimeoutIs400AndTheServerGoesOn() {
        TestServer.Answer a = server.post(QUERY, TOKEN, Map.of("query", SLOW, "timeout_ms", 300));
        assertEquals(400, a.status(), a.text());
        assertEquals("QUERY_ERROR", a.code());
        assertTrue(a.error().startsWith("Query timed out after 300ms"), a.error());
        assertEquals(200, query("SELECT 1").status());
    }

    @Test
    void oversizedBodyIs413(@TempDir Path other) {
        try (TestServer small = new TestServer(ServerConfig.defaults(other, TestServer.SECRET).withPort(0).withMaxBodyBytes(1024))) {
            small.workspace(TOKEN, "ws");
            String big = "{\"query\": \"SELECT '" + "x".repeat(2000) + "'\"}";
            TestServer.Answer a = small.post(QUERY, TOKEN, big);
            assertEquals(413, a.status(), a.text());
            assertEquals("PAYLOAD_TOO_LARGE", a.code());
            assertEquals(200, small.post(QUERY, TOKEN, "{\"query\": \"SELECT 1\"}").status());
        }
    }

    @Test
    void busyServerAnswers503WithRetryAfter(@TempDir Path other) throws Exception {
        ServerConfig config = ServerConfig.defaults(other, TestServer.SECRET).withPort(0).withConcurrency(1, Duration.ZERO);
        try (TestServer busy = new TestServer(config)) {
            busy.workspace(TOKEN, "ws");
            assertEquals(200, busy.post(QUERY, TOKEN, Map.of("query", "SELECT 1")).status(), "the workspace is open");
            CompletableFuture<TestServer.Answer> slow = CompletableFuture.supplyAsync(
                    () -> busy.post(QUERY, TOKEN, Map.of("query", SLOW, "timeout_ms", 3000)));
            TestServer.Answer refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                Thread.sleep(50);
                TestServer.Answer a = busy.post(QUERY, TOKEN, Map.of("query", "SELECT 1"));
                refused = a.status() == 503 ? a : null;
            }
            assertTrue(refused != null, "no 503 while the slot was held");
            assertEquals("OVERLOADED", refused.code());
            assertEquals("1", refused.raw().headers().firstValue("Retry-After").orElse(""));
            assertEquals(400, slow.get().status());
            assertFalse(busy.post(QUERY, TOKEN, Map.of("query", "SELECT 1")).status() == 503, "the slot is free again");
        }
    }
}
