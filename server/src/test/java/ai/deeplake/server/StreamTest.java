package ai.deeplake.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /tables/stream}: every row exactly once, in JSON lines and in binary frames. */
class StreamTest {
    static final int ROWS = 2_500;
    static final String STREAM = "/workspaces/ws/tables/stream";
    static final String SELECT = "SELECT id, x, v, label, data FROM points ORDER BY id";
    @TempDir
    static Path root;
    static TestServer server;
    static final String TOKEN = TestServer.token("org-s");

    @BeforeAll
    static void start() {
        server = new TestServer(root);
        server.workspace(TOKEN, "ws");
        server.post("/workspaces/ws/tables", TOKEN, Map.of("table_name", "points", "schema",
                Map.of("id", "INT64", "x", "FLOAT64", "v", "EMBEDDING(3)", "label", "TEXT", "data", "BINARY")));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            rows.add(Arrays.asList(i, i / 2.0, List.of(i, 1, -1), i % 7 == 0 ? null : "p" + i, HexFormat.of().formatHex(new byte[] {(byte) i})));
        }
        TestServer.Answer a = server.post("/workspaces/ws/tables/query/batch", TOKEN, Map.of(
                "query", "INSERT INTO points (id, x, v, label, data) VALUES ($1, $2, $3, $4, decode($5, 'hex'))", "params_batch", rows));
        assertEquals(200, a.status(), a.text());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonLinesCarryEveryRowOnce() throws Exception {
        HttpResponse<InputStream> r = stream(Map.of("query", SELECT, "batch_size", 1000), null);
        assertEquals(200, r.statusCode());
        assertEquals(JsonLinesFormat.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(TestServer.JSON.readTree(line));
            }
        }
        assertEquals(4, lines.size(), "three batches and the end");
        BitSet seen = new BitSet();
        for (JsonNode batch : lines.subList(0, 3)) {
            assertEquals("[\"id\",\"x\",\"v\",\"label\",\"data\"]", batch.get("columns").toString());
            assertEquals("[\"INT64\",\"FLOAT64\",\"EMBEDDING\",\"TEXT\",\"BINARY\"]", batch.get("column_types").toString());
            for (JsonNode row : batch.get("rows")) {
                int id = row.get(0).asInt();
                assertTrue(!seen.get(id), "row " + id + " twice");
                seen.set(id);
                assertEquals(id / 2.0, row.get(1).asDouble());
                assertEquals("[" + (float) id + ",1.0,-1.0]", row.get(2).toString());
                assertEquals(id % 7 == 0, row.get(3).isNull());
                assertEquals("\\x" + HexFormat.of().formatHex(new byte[] {(byte) id}), row.get(4).asText());
            }
        }
        assertEquals(ROWS, seen.cardinality());
        assertEquals("{\"done\":true,\"row_count\":" + ROWS + "}", lines.get(3).toString());
    }

    @Test
    void framesCarryEveryRowOnce() throws Exception {
        HttpResponse<InputStream> r = stream(Map.of("query", SELECT, "batch_size", 999), FrameFormat.CONTENT_TYPE);
        assertEquals(200, r.statusCode());
        assertEquals(FrameFormat.CONTENT_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        FrameReader in = new FrameReader(r.body());
        FrameReader.Frame header = in.next();
        assertEquals(ai.deeplake.core.remote.FrameCodec.HEADER, header.kind());
        assertEquals("[\"id\",\"x\",\"v\",\"label\",\"data\"]", header.json().get("columns").toString());
        assertEquals("[\"int64\",\"float64\",\"vector\",\"utf8\",\"binary\"]", header.json().get("encodings").toString());
        List<String> encodings = new ArrayList<>();
        header.json().get("encodings").forEach(e -> encodings.add(e.asText()));

        BitSet seen = new BitSet();
        int batches = 0;
        FrameReader.Frame frame = in.next();
        for (; frame.kind() == ai.deeplake.core.remote.FrameCodec.BATCH; frame = in.next()) {
            batches++;
            FrameReader.Batch batch = FrameReader.decode(frame, encodings);
            for (int i = 0; i < batch.rows(); i++) {
                int id = ((Long) batch.columns().get(0).get(i)).intValue();
                assertTrue(!seen.get(id), "row " + id + " twice");
                seen.set(id);
                assertEquals(id / 2.0, batch.columns().get(1).get(i));
                assertArrayEquals(new float[] {id, 1, -1}, (float[]) batch.columns().get(2).get(i));
                assertEquals(id % 7 == 0 ? null : "p" + id, batch.columns().get(3).get(i));
                assertArrayEquals(new byte[] {(byte) id}, (byte[]) batch.columns().get(4).get(i));
            }
        }
        assertEquals(3, batches);
        assertEquals(ROWS, seen.cardinality());
        assertEquals(ai.deeplake.core.remote.FrameCodec.END, frame.kind());
        assertEquals(ROWS, frame.json().get("row_count").asInt());
        assertNull(in.next());
    }

    @Test
    void anEmptyResultStillNamesItsColumns() throws Exception {
        HttpResponse<InputStream> r = stream(Map.of("query", "SELECT id, v FROM points WHERE id < 0"), null);
        String[] lines = new String(r.body().readAllBytes(), StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertEquals("{\"columns\":[\"id\",\"v\"],\"column_types\":[\"INT64\",\"EMBEDDING\"],\"rows\":[]}", lines[0]);
        assertEquals("{\"done\":true,\"row_count\":0}", lines[1]);
    }

    @Test
    void errorsBeforeTheFirstRowAreOrdinaryAnswers() throws Exception {
        HttpResponse<InputStream> r = stream(Map.of("query", "SELECT nope FROM points"), FrameFormat.CONTENT_TYPE);
        assertEquals(400, r.statusCode());
        JsonNode error = TestServer.JSON.readTree(r.body());
        assertEquals("QUERY_ERROR", error.get("code").asText());
        HttpResponse<InputStream> big = stream(Map.of("query", SELECT, "batch_size", 1_000_000), null);
        assertEquals(400, big.statusCode());
    }

    private static HttpResponse<InputStream> stream(Map<String, Object> body, String accept) throws Exception {
        HttpRequest.Builder b = server.request(STREAM, TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body)));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }
}
