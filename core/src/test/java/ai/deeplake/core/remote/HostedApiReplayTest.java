package ai.deeplake.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.AsyncClient;
import ai.deeplake.Client;
import ai.deeplake.Row;
import ai.deeplake.api.AuthError;
import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.api.TableError;
import ai.deeplake.api.TokenError;
import ai.deeplake.api.WorkspaceError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays the hosted Deeplake API's documented answer forms from a loopback server and checks what
 * the client makes of them: values, errors, headers, retries.
 */
class HostedApiReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    MockWebServer server;

    static String jwt(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Client client(String token) {
        return Client.builder().apiUrl(server.url("/").toString()).token(token).workspace("ws").build();
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).body(body).build());
    }

    private RecordedRequest taken() throws InterruptedException {
        return server.takeRequest(5, TimeUnit.SECONDS);
    }

    @Test
    void columnarRowsWithHexBase64ArrayTextAndJson() throws Exception {
        answer(200, """
                {"columns": ["id", "image", "thumb", "embedding", "pg_vec", "meta", "n", "score", "ok"],
                 "column_types": ["TEXT", "BYTEA", "IMAGE", "FLOAT4[]", "FLOAT4[]", "JSON", "INT64", "FLOAT64", "BOOL"],
                 "rows": [["a", "\\\\x89504e47", "iVBORw==", [0.5, 0.25], "{1.5,2}", {"k": [1, 2]}, 7, 0.75, true],
                          ["b", null, null, [[1, 2], [3, 4]], "{{1,2},{3,4}}", null, -1, 1, false]],
                 "row_count": 2}
                """);
        try (Client client = client(jwt("{\"org_id\":\"acme\",\"sub\":\"me\"}"))) {
            List<Row> rows = client.query("SELECT * FROM t WHERE id = $1", "a");
            Row a = rows.get(0);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, a.getBytes("image"));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, a.getBytes("thumb"), "base64 IMAGE from the hosted API");
            assertArrayEquals(new float[] {0.5f, 0.25f}, a.getFloatArray("embedding"));
            assertArrayEquals(new float[] {1.5f, 2f}, a.getFloatArray("pg_vec"), "PostgreSQL array text");
            assertEquals("{\"k\":[1,2]}", a.getString("meta"));
            assertEquals(7L, a.get("n"));
            assertEquals(0.75, a.getDouble("score"));
            assertEquals(true, a.getBoolean("ok"));
            assertArrayEquals(new float[][] {{1, 2}, {3, 4}}, rows.get(1).getFloatArray2d("embedding"));
            assertArrayEquals(new float[][] {{1, 2}, {3, 4}}, rows.get(1).getFloatArray2d("pg_vec"));
        }
        RecordedRequest r = taken();
        assertEquals("POST", r.getMethod());
        assertEquals("/workspaces/ws/tables/query", r.getUrl().encodedPath());
        assertTrue(r.getHeaders().get("Authorization").startsWith("Bearer "));
        assertEquals("acme", r.getHeaders().get("X-Activeloop-Org-Id"));
        JsonNode body = JSON.readTree(r.getBody().utf8());
        assertEquals("SELECT * FROM t WHERE id = $1", body.get("query").asText());
        assertEquals("a", body.get("params").get(0).asText());
        assertTrue(body.path("timeout_ms").isMissingNode(), "the default timeout is not forwarded");
    }

    @Test
    void vectorsAreInlinedBytesHexAndTimeoutsForwarded() throws Exception {
        answer(200, "{\"row_count\": 1}");
        try (Client client = client(jwt("{\"OrgID\":\"acme\"}"))) {
            List<Row> none = client.query("UPDATE t SET image = $2 WHERE emb <#> $1 > 0.5 AND note = '$1'",
                    List.of(new float[] {0.5f, 1}, new byte[] {1, (byte) 0xAB}), Duration.ofMinutes(5));
            assertEquals(List.of(), none, "a DDL/DML answer without columns is no rows");
        }
        JsonNode body = JSON.readTree(taken().getBody().utf8());
        assertEquals("UPDATE t SET image = decode($1, 'hex') WHERE emb <#> ARRAY[0.5,1]::FLOAT4[] > 0.5 AND note = '$1'",
                body.get("query").asText());
        assertEquals("01ab", body.get("params").get(0).asText());
        assertEquals(1, body.get("params").size());
        assertEquals(300_000, body.get("timeout_ms").asLong());
    }

    @Test
    void eachErrorStatusMapsToItsSdkError() {
        String token = jwt("{\"org_id\":\"acme\"}");
        try (Client client = client(token)) {
            answer(400, "{\"error\": \"syntax error at or near \\\"SELEC\\\"\", \"code\": \"QUERY_ERROR\"}");
            TableError sql = assertThrows(TableError.class, () -> client.query("SELEC 1"));
            assertEquals("syntax error at or near \"SELEC\"", sql.getMessage());
            answer(401, "{\"error\": \"Token expired\", \"code\": \"UNAUTHORIZED\"}");
            assertEquals("Token expired", assertThrows(AuthError.class, () -> client.query("SELECT 1")).getMessage());
            answer(403, "{\"error\": \"Forbidden\", \"code\": \"FORBIDDEN\"}");
            assertInstanceOf(WorkspaceError.class, assertThrows(ManagedServiceError.class, client::listTables));
            answer(404, "{\"error\": \"Not found: /workspaces/ws/tables\", \"code\": \"NOT_FOUND\"}");
            assertEquals("Not found: /workspaces/ws/tables", assertThrows(WorkspaceError.class, client::listTables).getMessage());
            answer(409, "{\"error\": \"Table already exists\", \"code\": \"ALREADY_EXISTS\"}");
            assertThrows(TableError.class, () -> client.query("CREATE TABLE t (a TEXT)"));
            answer(500, "{\"error\": \"internal error\", \"code\": \"INTERNAL\"}");
            ManagedServiceError internal = assertThrows(ManagedServiceError.class, () -> client.query("SELECT 1"));
            assertEquals(ManagedServiceError.class, internal.getClass());
            assertTrue(internal.getMessage().contains("HTTP 500") && internal.getMessage().contains("internal error"));
        }
    }

    @Test
    void busyAnswersAreRetriedHonouringRetryAfter() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("Retry-After", "0").body("{\"error\":\"busy\"}").build());
        server.enqueue(new MockResponse.Builder().code(429).setHeader("Retry-After", "0").body("{\"error\":\"slow down\"}").build());
        answer(200, "{\"columns\": [\"n\"], \"rows\": [[1]], \"row_count\": 1}");
        try (Client client = client(jwt("{\"org_id\":\"acme\"}"))) {
            // An INSERT is not idempotent, but a 429/503 means the server did not run it.
            assertEquals(1L, client.query("INSERT INTO t VALUES (1) RETURNING 1 AS n").get(0).get("n"));
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void orgComesFromTheTokenElseFromMe() throws Exception {
        answer(200, "{\"id\": \"u1\", \"name\": \"me\", \"organizations\": [\"from-me\"]}");
        answer(200, "{\"tables\": [{\"table_name\": \"b\"}, {\"table_name\": \"a\"}]}");
        try (Client client = client(jwt("{\"sub\":\"u1\"}"))) {
            assertEquals(List.of("a", "b"), client.listTables());
        }
        assertEquals("/me", taken().getUrl().encodedPath());
        assertEquals("from-me", taken().getHeaders().get("X-Activeloop-Org-Id"));

        answer(200, "{\"id\": \"u1\", \"organizations\": []}");
        assertEquals("Token does not contain org_id", assertThrows(AuthError.class, () -> client(jwt("{\"sub\":\"u1\"}"))).getMessage());
        assertThrows(TokenError.class, () -> client("not-a-jwt"));
        assertEquals("Token required: pass token(...) to the builder or set DEEPLAKE_API_KEY",
                assertThrows(AuthError.class, () -> Client.builder().apiUrl(server.url("/").toString()).build()).getMessage());
    }

    @Test
    void asyncQueriesRunOnOkHttpCalls() throws Exception {
        answer(200, "{\"columns\": [\"n\"], \"rows\": [[42]], \"row_count\": 1}");
        try (AsyncClient async = AsyncClient.of(client(jwt("{\"org_id\":\"acme\"}")))) {
            assertEquals(42L, async.query("SELECT 42 AS n").get(5, TimeUnit.SECONDS).get(0).get("n"));
        }
    }
}
