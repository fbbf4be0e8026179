package ai.deeplake.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.remote.FrameCodec;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /tables/{table}/ingest}: advertised in {@code /me} unless turned off (then absent),
 * rows appended with the client's ids, and a bad body refused with nothing stored.
 */
class FrameIngestTest {
    @TempDir
    static Path root;
    static TestServer server;
    static final String TOKEN = TestServer.token("org-ingest");
    static final String INGEST = "/workspaces/ws/tables/items/ingest";

    @BeforeAll
    static void start() {
        server = new TestServer(root);
        server.workspace(TOKEN, "ws");
        Map<String, String> schema = new LinkedHashMap<>();
        schema.put("n", "INT64");
        schema.put("label", "TEXT");
        schema.put("v", "EMBEDDING(3)");
        assertEquals(201, server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "items", "schema", schema)).status());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void meAdvertisesTheCapabilityUnlessItIsTurnedOff(@TempDir Path other) throws IOException {
        assertEquals("[\"" + FrameCodec.INGEST_CAPABILITY + "\"]", server.get("/me", TOKEN).json().get("capabilities").toString());
        try (TestServer without = new TestServer(ServerConfig.defaults(other, TestServer.SECRET).withPort(0).withFrameIngest(false))) {
            without.workspace(TOKEN, "ws");
            assertEquals("[]", without.get("/me", TOKEN).json().get("capabilities").toString());
            TestServer.Answer a = send(without, body(new RowIds(), 0, batch(0, 3), List.of("n", "label", "v")), FrameCodec.CONTENT_TYPE);
            assertEquals(404, a.status(), a.text());
        }
    }

    @Test
    void rowsAreStoredWithTheClientsIds() throws Exception {
        RowIds ids = new RowIds();
        TestServer.Answer a = send(server, body(ids, 40, batch(100, 3), List.of("n", "label", "v")), FrameCodec.CONTENT_TYPE);
        assertEquals(200, a.status(), a.text());
        assertEquals(3, a.json().get("row_count").asLong());
        JsonNode rows = query("SELECT _id, n, label, v FROM items WHERE n >= 100 ORDER BY n").get("rows");
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            JsonNode row = rows.get(i);
            assertEquals(ids.id(40 + i), row.get(0).asText(), "the ids continue the client's ingest");
            assertEquals(100 + i, row.get(1).asLong());
            assertEquals("label " + (100 + i), row.get(2).asText());
            assertEquals(List.of(100.0 + i, 0.5, -1.0), List.of(row.get(3).get(0).asDouble(), row.get(3).get(1).asDouble(),
                    row.get(3).get(2).asDouble()));
        }
    }

    @Test
    void aBadBodyIsRefusedAndNothingIsStored() throws Exception {
        long before = count();
        // A vector of the wrong size in the last of two batch frames: the first is not kept either.
        Batch wrong = Batch.builder().column("n", new long[] {900}).column("label", new String[] {"x"})
                .column("v", new float[][] {{1, 2}}).build();
        byte[] good = body(new RowIds(), 0, batch(800, 2), List.of("n", "label", "v"));
        byte[] twoFrames = withExtraFrame(good, wrong, List.of("n", "label", "v"));
        TestServer.Answer sizes = send(server, twoFrames, FrameCodec.CONTENT_TYPE);
        assertEquals(400, sizes.status(), sizes.text());
        assertEquals("INGEST_ERROR", sizes.code());
        assertTrue(sizes.error().contains("holds vectors of 3 floats, got 2"), sizes.error());

        TestServer.Answer unknown = send(server, body(new RowIds(), 0,
                Batch.builder().column("nope", new long[] {1}).build(), List.of("nope")), FrameCodec.CONTENT_TYPE);
        assertEquals(400, unknown.status(), unknown.text());
        assertEquals("Table 'items' has no column 'nope'", unknown.error());

        byte[] truncated = Arrays.copyOf(good, good.length - 20);
        TestServer.Answer cut = send(server, truncated, FrameCodec.CONTENT_TYPE);
        assertEquals(400, cut.status(), cut.text());
        assertTrue(cut.error().startsWith("Malformed body"), cut.error());

        TestServer.Answer json = send(server, good, "application/json");
        assertEquals(400, json.status(), json.text());
        assertEquals(404, server.send(server.request("/workspaces/ws/tables/missing/ingest", TOKEN)
                .header("Content-Type", FrameCodec.CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(good)).build()).status());
        assertEquals(before, count(), "nothing of a refused body is stored");
    }

    private static Batch batch(int first, int n) {
        long[] numbers = new long[n];
        String[] labels = new String[n];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            numbers[i] = first + i;
            labels[i] = "label " + (first + i);
            vectors[i] = new float[] {first + i, 0.5f, -1f};
        }
        return Batch.builder().column("n", numbers).column("label", labels).column("v", vectors).build();
    }

    /** @return a whole ingest body: header, one batch frame, end */
    private static byte[] body(RowIds ids, long firstRow, Batch batch, List<String> columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = TestServer.JSON.writeValueAsBytes(Map.of("columns", columns, "encodings",
                columns.stream().map(c -> FrameCodec.encoding(batch.column(c))).toList(), "id_prefix", ids.prefix(), "first_row", firstRow));
        FrameCodec.write(out, FrameCodec.HEADER, header, header.length);
        ByteBuffer frame = FrameCodec.appendBatch(ByteBuffer.allocate(64), batch, columns, 0, batch.size());
        out.write(frame.array(), 0, frame.position());
        FrameCodec.write(out, FrameCodec.END, new byte[] {'{', '}'}, 2);
        return out.toByteArray();
    }

    /** @return the body with another batch frame before its end frame (7 bytes) */
    private static byte[] withExtraFrame(byte[] body, Batch extra, List<String> columns) {
        ByteBuffer frame = FrameCodec.appendBatch(ByteBuffer.allocate(64), extra, columns, 0, extra.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(body, 0, body.length - 7);
        out.write(frame.array(), 0, frame.position());
        out.write(body, body.length - 7, 7);
        return out.toByteArray();
    }

    private static TestServer.Answer send(TestServer target, byte[] body, String contentType) {
        return target.send(target.request(INGEST, TOKEN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static JsonNode query(String sql) {
        TestServer.Answer a = server.post("/workspaces/ws/tables/query", TOKEN, Map.of("query", sql));
        assertEquals(200, a.status(), a.text());
        return a.json();
    }

    private static long count() {
        return query("SELECT COUNT(*) AS c FROM items").get("rows").get(0).get(0).asLong();
    }
}
