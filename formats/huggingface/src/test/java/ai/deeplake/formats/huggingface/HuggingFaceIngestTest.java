package ai.deeplake.formats.huggingface;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.IngestOptions;
import ai.deeplake.IngestResult;
import ai.deeplake.Row;
import ai.deeplake.api.IngestError;
import ai.deeplake.formats.huggingface.TestParquet.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HuggingFace dataset through the real embedded {@link Client}: as a {@link HuggingFace} object,
 * as {@code {"_huggingface": "name"}} (the client's {@code HF_ENDPOINT} and root reaching the
 * format) and by the format id; then the table's columns, values and thumbnails.
 */
class HuggingFaceIngestTest {
    @TempDir
    Path root;
    FakeHub hub;
    Client client;

    @BeforeEach
    void start() throws IOException {
        Path scratch = Files.createDirectory(root.resolve("scratch"));
        hub = new FakeHub()
                .add(HuggingFaceTest.SHAPES, "default", "train", TestParquet.shapes(scratch, HuggingFaceTest.TRAIN_0),
                        TestParquet.shapes(scratch, HuggingFaceTest.TRAIN_1))
                .add(HuggingFaceTest.SHAPES, "default", "test", TestParquet.shapes(scratch, HuggingFaceTest.TEST_0));
        client = ClientMode.withEnv(Client.builder().root(root.resolve("deeplake")).pluginsDir(root.resolve("no-plugins")),
                Map.of("HF_ENDPOINT", hub.endpoint())).build();
    }

    @AfterEach
    void stop() {
        client.close();
        hub.close();
    }

    @Test
    void aHuggingFaceObjectIngestsEveryColumnAndMakesThumbnails() {
        HuggingFace shapes = HuggingFace.builder(HuggingFaceTest.SHAPES).endpoint(hub.endpoint()).cacheDir(root.resolve("cache")).build();
        IngestResult r = client.ingest("shapes", IngestOptions.builder().format(shapes).build());
        assertEquals(7, r.rowCount());

        Map<String, String> comments = new HashMap<>();
        for (Row c : client.query("SELECT column_name, column_comment AS comment FROM information_schema.columns WHERE table_name = $1", "shapes")) {
            comments.put(c.getString("column_name"), c.getString("comment"));
        }
        assertEquals("deeplake:IMAGE", comments.get("image"));
        assertEquals("deeplake:CLASS_LABEL", comments.get("label"));
        assertEquals("deeplake:TEXT", comments.get("label_name"));
        assertEquals("deeplake:EMBEDDING", comments.get("embedding"));
        assertEquals("deeplake:BOOL", comments.get("flag"));

        List<Row> rows = client.query("SELECT * FROM shapes");
        List<Shape> expected = Stream.of(HuggingFaceTest.TRAIN_0, HuggingFaceTest.TRAIN_1, HuggingFaceTest.TEST_0)
                .flatMap(List::stream).toList();
        assertEquals(7, rows.size());
        for (Row row : rows) {
            Shape shape = expected.stream().filter(s -> s.caption().equals(row.getString("caption"))).findFirst().orElseThrow();
            assertArrayEquals(shape.png(), row.getBytes("image"), shape.caption());
            assertEquals(shape.label(), row.getLong("label"));
            assertEquals(shape.label() < 0 ? null : TestParquet.LABELS.get((int) shape.label()), row.getString("label_name"));
            assertArrayEquals(shape.embedding(), row.getFloatArray("embedding"));
        }
        assertEquals(List.of("square"), client.query("SELECT label_name FROM shapes WHERE caption = 'a yellow square'")
                .stream().map(x -> x.getString("label_name")).toList());

        Row thumbs = client.query("SELECT count(*) AS n, count(DISTINCT file_id) AS images FROM thumbnails WHERE column_name = 'image'").get(0);
        assertEquals(7, thumbs.getLong("images"), "every image row has thumbnails");
        assertEquals(28, thumbs.getLong("n"), "at 32, 64, 128 and 256 px");
    }

    @Test
    void theHuggingFaceKeyUsesTheClientsEndpointAndCachesUnderTheRoot() {
        IngestResult r = client.ingest("train", Map.of("_huggingface", HuggingFaceTest.SHAPES + "@train"));
        assertEquals(5, r.rowCount());
        assertEquals(List.of("train"), client.query("SELECT DISTINCT split FROM train").stream().map(x -> x.getString("split")).toList());
        Path cached = root.resolve("deeplake/cache/huggingface/acme/shapes/default/train");
        assertTrue(Files.isRegularFile(cached.resolve("0.parquet")) && Files.isRegularFile(cached.resolve("1.parquet")),
                "downloads are cached under the client's root");

        // The test split appended by the format id: same columns, so one table holds both splits.
        client.ingest("train", IngestOptions.builder().format(client.format("huggingface", Map.of("name", HuggingFaceTest.SHAPES, "split", "test"))).build());
        assertEquals(List.of(5L, 2L), client.query("SELECT count(*) AS n FROM train GROUP BY split ORDER BY n DESC").stream()
                .map(x -> x.getLong("n")).toList());
        assertEquals(1, hub.requests("/train/0.parquet").size(), "the train split was not downloaded again");
    }

    @Test
    void aHubErrorFailsTheIngestAndCreatesNoTable() {
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("missing", Map.of("_huggingface", "acme/missing")));
        assertTrue(e.getMessage().startsWith("HuggingFace dataset 'acme/missing', " + hub.endpoint() + "/api/datasets/acme/missing/parquet: HTTP 404"),
                e.getMessage());
        assertFalse(client.listTables().contains("missing"));
    }
}
