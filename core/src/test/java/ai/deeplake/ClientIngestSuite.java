package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Format;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public abstract class ClientIngestSuite extends ClientFixture {

    private long count(String table) {
        return client.query("SELECT COUNT(*) AS n FROM " + table).get(0).getLong("n");
    }

    @Test
    void infersEveryTypeAndRoundTripsValues() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("flag", List.of(true, false));
        data.put("small", List.of(1, 2));
        data.put("big", List.of(10_000_000_000L, -3L));
        data.put("ratio", List.of(0.5, 1.5f));
        data.put("name", List.of("Alice", "Bob"));
        data.put("blob", List.of(new byte[] {1, 2, 3}, new byte[] {(byte) 0xff}));
        data.put("vec", List.of(new float[] {0.1f, 0.2f, 0.3f}, new float[] {1, 2, 3}));
        data.put("dvec", List.of(new double[] {1, 0}, new double[] {0, 1}));
        data.put("lvec", List.of(List.of(1, 2), List.of(3.5, 4)));
        data.put("meta", List.of(Map.of("a", 1), List.of("x", "y")));
        data.put("mixed", List.of(1, 2.5));

        IngestResult r = client.ingest("typed", data);
        String path = "al://" + client.workspace() + "/typed";
        assertEquals(new IngestResult("typed", 2, path), r);
        assertEquals(Map.of("table_name", "typed", "row_count", 2L, "dataset_path", path), r.toMap());

        List<Row> rows = client.query("SELECT * FROM typed ORDER BY big DESC");
        Row first = rows.get(0);
        assertEquals(true, first.getBoolean("flag"));
        assertEquals(1L, first.get("small"));
        assertEquals(10_000_000_000L, first.getLong("big"));
        assertEquals(0.5, first.getDouble("ratio"));
        assertEquals("Alice", first.getString("name"));
        assertArrayEquals(new byte[] {1, 2, 3}, first.getBytes("blob"));
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, first.getFloatArray("vec"));
        assertArrayEquals(new float[] {1, 0}, first.getFloatArray("dvec"));
        assertArrayEquals(new float[] {1, 2}, first.getFloatArray("lvec"));
        assertEquals("{\"a\":1}", first.getString("meta"));
        assertEquals(1.0, first.getDouble("mixed"));
        assertEquals(2.5, rows.get(1).getDouble("mixed"));
        assertTrue(first.getString("_id").matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));

        Map<String, String> types = columnTypes("typed");
        assertEquals("BOOLEAN", types.get("flag"));
        assertEquals("BIGINT", types.get("small"));
        assertEquals("DOUBLE", types.get("ratio"));
        assertEquals("VARCHAR", types.get("name"));
        assertEquals("BLOB", types.get("blob"));
        assertEquals("FLOAT[3]", types.get("vec"));
        assertEquals("FLOAT[2]", types.get("dvec"));
        assertEquals("JSON", types.get("meta"));
    }

    /** The DuckDB storage type of each column, read through the engine's own SQL. */
    private Map<String, String> columnTypes(String table) {
        Map<String, String> types = new java.util.HashMap<>();
        for (Row row : client.query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1", table)) {
            types.put(row.getString("column_name"), row.getString("data_type"));
        }
        return types;
    }

    @Test
    void explicitSchemaWinsOverInference() {
        client.ingest("explicit", Map.of(
                "name", List.of("Alice", "Bob"),
                "age", List.of(30, 25),
                "label", List.of(1, 0),
                "img", List.of(new byte[] {(byte) 0x89, 'P'}, new byte[] {1}),
                "score", List.of(1, 2),
                "note", List.of(7, 8)),
                IngestOptions.builder().schema(Map.of("name", "TEXT", "age", "INT32", "label", "CLASS_LABEL",
                        "img", "IMAGE", "score", "FLOAT32", "note", "TEXT")).build());
        Map<String, String> types = columnTypes("explicit");
        assertEquals("INTEGER", types.get("age"));
        assertEquals("INTEGER", types.get("label"));
        assertEquals("BLOB", types.get("img"));
        assertEquals("FLOAT", types.get("score"));
        assertEquals("VARCHAR", types.get("note"));
        Row bob = client.query("SELECT * FROM explicit WHERE name = $1", "Bob").get(0);
        assertEquals(25L, bob.getLong("age"));
        assertEquals("8", bob.getString("note"));
        assertEquals(2.0f, bob.getFloat("score"));
    }

    @Test
    void appendsToAnExistingTable() {
        client.ingest("people", Map.of("name", List.of("Alice"), "age", List.of(30)));
        IngestResult second = client.ingest("people", Map.of("name", List.of("Bob", "Carol"), "age", List.of(25, 41)));
        assertEquals(2, second.rowCount());
        assertEquals(3, count("people"));
        assertEquals(List.of("people"), client.listTables());
    }

    @Test
    void incompatibleAppendNamesColumnAndTypesAndWritesNothing() {
        client.ingest("people", Map.of("name", List.of("Alice"), "age", List.of(30)));
        IngestError e = assertThrows(IngestError.class,
                () -> client.ingest("people", Map.of("name", List.of("Bob"), "age", List.of("twenty"))));
        assertTrue(e.getMessage().contains("'age'") && e.getMessage().contains("INT64") && e.getMessage().contains("TEXT"), e.getMessage());
        assertEquals(1, count("people"));
    }

    @Test
    void vectorSizeMismatchOnAppendIsRefused() {
        client.ingest("vecs", Map.of("embedding", List.of(new float[] {1, 2, 3})));
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("vecs", Map.of("embedding", List.of(new float[] {1, 2}))));
        assertTrue(e.getMessage().contains("EMBEDDING(3)") && e.getMessage().contains("EMBEDDING(2)"), e.getMessage());
        assertEquals(1, count("vecs"));
    }

    @Test
    void seedErrorMessages() {
        assertEquals("data must not be empty", assertThrows(IngestError.class, () -> client.ingest("t", Map.of())).getMessage());
        assertEquals("Either data or format is required",
                assertThrows(IngestError.class, () -> client.ingest("t", null, IngestOptions.defaults())).getMessage());
        Map<String, Object> ragged = new LinkedHashMap<>();
        ragged.put("text", List.of("a", "b"));
        ragged.put("embedding", List.of(new float[] {1}, new float[] {2}, new float[] {3}));
        assertEquals("Columns must have the same length: 'text' has 2 values, 'embedding' has 3",
                assertThrows(IngestError.class, () -> client.ingest("t", ragged)).getMessage());
        String missing = root.resolve("nope.txt").toString();
        IngestError notFound = assertThrows(IngestError.class, () -> client.ingest("files", Map.of("path", List.of(missing)),
                IngestOptions.builder().schema(Map.of("path", "FILE")).build()));
        assertEquals("File not found: " + missing, notFound.getMessage());
        assertTrue(assertThrows(IngestError.class, () -> client.ingest("t", Map.of("a", List.of(1)),
                IngestOptions.builder().schema(Map.of("a", "NUMBERZ")).build())).getMessage().contains("Unknown type 'NUMBERZ'"));
        assertTrue(assertThrows(IngestError.class, () -> client.ingest("t", Map.of("a", "not a list"))).getMessage()
                .contains("'a' must be a list"));
        assertTrue(client.listTables().isEmpty(), "no table may be left behind by a failed ingest");
    }

    @Test
    void raggedEmbeddingsAndBadValuesNameTheColumnAndRow() {
        IngestError ragged = assertThrows(IngestError.class, () -> client.ingest("t",
                Map.of("embedding", List.of(new float[] {1, 2}, new float[] {1, 2, 3}))));
        assertTrue(ragged.getMessage().contains("'embedding'") && ragged.getMessage().contains("row 1"), ragged.getMessage());
        IngestError mixed = assertThrows(IngestError.class, () -> client.ingest("t", Map.of("x", List.of(1, "two"))));
        assertTrue(mixed.getMessage().contains("'x' mixes INT64 and TEXT values (row 1)"), mixed.getMessage());
        IngestError bad = assertThrows(IngestError.class, () -> client.ingest("t", Map.of("x", List.of(1, "two")),
                IngestOptions.builder().schema(Map.of("x", "INT64")).build()));
        assertTrue(bad.getMessage().contains("row 1"), bad.getMessage());
        assertTrue(client.listTables().isEmpty());
    }

    @Test
    void nullsAreStoredAsNull() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("n", java.util.Arrays.asList(1, null, 3));
        data.put("s", java.util.Arrays.asList(null, "b", "c"));
        client.ingest("nulls", data);
        List<Row> rows = client.query("SELECT n, s FROM nulls ORDER BY s NULLS FIRST");
        assertEquals(1L, rows.get(0).get("n"));
        assertEquals(null, rows.get(0).get("s"));
        assertEquals(null, rows.get(1).get("n"));
    }

    @Test
    void progressReportsDurableRowsAsCommitsLand() {
        int n = 9500;
        List<Integer> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        List<long[]> calls = new java.util.ArrayList<>();
        IngestResult r = client.ingest("progress", Map.of("i", ids),
                IngestOptions.builder().onProgress((written, total) -> calls.add(new long[] {written, total})).build());
        assertEquals(n, r.rowCount());
        assertTrue(calls.size() >= 2, "progress during the ingest, not only at the end: " + calls.size());
        long last = 0;
        for (long[] call : calls) {
            assertEquals(n, call[1], "total");
            assertTrue(call[0] > last, "rows written only grow");
            assertTrue(call[0] % 2000 == 0 || call[0] == n, "durable rows are whole 2000-row blocks: " + call[0]);
            last = call[0];
        }
        assertEquals(n, last);
        assertEquals(n, count("progress"));
        assertEquals(n * (n - 1L) / 2, client.query("SELECT SUM(i) AS s FROM progress").get(0).getLong("s"));
        List<Row> inOrder = client.query("SELECT i FROM progress ORDER BY _id");
        for (int i = 0; i < n; i++) {
            assertEquals(i, inOrder.get(i).getLong("i"), "_id sorts rows in ingest order");
        }
    }

    @Test
    void fluentBuilderNumbersParametersAcrossWhereCalls() {
        client.ingest("videos", Map.of("file_id", List.of("abc", "abc", "abc", "zzz"), "start_time", List.of(0, 70, 90, 80),
                "text", List.of("a", "b", "c", "d")));
        QueryBuilder q = client.table("videos").select("text", "start_time").where("file_id = $1", "abc")
                .where("start_time > $2", 60).orderBy("start_time DESC").limit(10).offset(0);
        assertEquals("SELECT text, start_time FROM \"videos\" WHERE (file_id = $1) AND (start_time > $2) ORDER BY start_time DESC LIMIT 10 OFFSET 0",
                q.sql());
        assertEquals(List.of("abc", 60), q.params());
        List<Row> rows = q.execute();
        assertEquals(List.of("c", "b"), rows.stream().map(row -> row.getString("text")).toList());
        assertEquals(List.of("text", "start_time"), List.copyOf(rows.get(0).keySet()));
        assertEquals(1, client.table("videos").where("text = $1", "d").execute().size());
    }

    @Test
    void dropTable() {
        client.ingest("gone", Map.of("a", List.of(1)));
        client.dropTable("gone");
        assertTrue(client.listTables().isEmpty());
        client.dropTable("gone");
        assertTrue(assertThrows(ai.deeplake.api.TableError.class, () -> client.dropTable("gone", false)).getMessage()
                .contains("'gone' does not exist"));
    }

    @Test
    void createIndexIsIdempotentAndRefusesOtherTypes() {
        client.ingest("docs", Map.of("text", List.of("hello"), "embedding", List.of(new float[] {1, 0}), "n", List.of(1)),
                IngestOptions.builder().index("embedding", "text").build());
        client.createIndex("docs", "embedding");
        client.query("CREATE INDEX IF NOT EXISTS docs_text ON docs USING deeplake_index (text)");
        ai.deeplake.api.TableError e = assertThrows(ai.deeplake.api.TableError.class, () -> client.createIndex("docs", "n"));
        assertTrue(e.getMessage().contains("INT64") && e.getMessage().contains("EMBEDDING") && e.getMessage().contains("TEXT"), e.getMessage());
        assertThrows(ai.deeplake.api.TableError.class, () -> client.createIndex("docs", "nope"));
    }

    @Test
    void aBadValueAfterSeveralCommitsUndoesTheWholeCall() {
        client.ingest("numbers", Map.of("n", List.of(-1L)));
        List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < 7000; i++) {
            values.add(i == 6500 ? (Object) "oops" : (Object) (long) i);
        }
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("numbers", Map.of("n", values),
                IngestOptions.builder().schema(Map.of("n", "INT64")).build()));
        assertTrue(e.getMessage().contains("row 6500"), e.getMessage());
        assertEquals(1, count("numbers"), "the 6000 rows committed before the bad value are gone");
        assertEquals(-1L, client.query("SELECT n FROM numbers").get(0).getLong("n"));
    }

    /** A small in-test format: two batches, a declared schema for some columns. */
    private static Format format(boolean failAfterFirstBatch) {
        return new Format() {
            @Override
            public void normalize(java.util.function.Consumer<Batch> out) throws java.io.IOException {
                for (int b = 0; b < 2; b++) {
                    long[] labels = new long[1500];
                    byte[][] images = new byte[1500][];
                    String[] names = new String[1500];
                    for (int i = 0; i < 1500; i++) {
                        labels[i] = (b * 1500L + i) % 10;
                        images[i] = new byte[] {(byte) b, (byte) i};
                        names[i] = "img" + (b * 1500 + i);
                    }
                    out.accept(Batch.builder().column("label", labels).column("image", images).column("name", names).build());
                    if (failAfterFirstBatch) {
                        throw new java.io.IOException("annotations.json is truncated");
                    }
                }
            }

            @Override
            public java.util.Optional<Schema> schema() {
                return java.util.Optional.of(Schema.builder().add("label", ColumnType.CLASS_LABEL).add("image", ColumnType.IMAGE).build());
            }
        };
    }

    @Test
    void formatBatchesBecomeRowsWithDeclaredThenInferredTypes() {
        Format f = format(false);
        assertEquals(List.of("image"), f.imageColumns());
        IngestResult r = client.ingest("images", Map.of("ignored", List.of(1)), IngestOptions.builder().format(f).build());
        assertEquals(3000, r.rowCount());
        Map<String, String> types = columnTypes("images");
        assertEquals("INTEGER", types.get("label"));
        assertEquals("BLOB", types.get("image"));
        assertEquals("VARCHAR", types.get("name"));
        assertEquals(List.of("images"), client.listTables(), "format wins over data");
        Row last = client.query("SELECT * FROM images WHERE name = $1", "img2999").get(0);
        assertArrayEquals(new byte[] {1, (byte) 1499}, last.getBytes("image"));
        assertEquals(9L, last.getLong("label"));
    }

    @Test
    void aFailingFormatLeavesNothing() {
        IngestError e = assertThrows(IngestError.class, () -> client.ingest("images", IngestOptions.builder().format(format(true)).build()));
        assertTrue(e.getMessage().contains("annotations.json is truncated"), e.getMessage());
        assertTrue(client.listTables().isEmpty());
    }
}
