package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.TableError;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Column data ({@code client.ingest(table, Map.of(...))}) that is odd or wrong: nulls, NaN and
 * infinities, huge strings, ragged embeddings, mixed types, bad column names and unknown schema types.
 * What can be stored round-trips; what cannot fails with an {@link IngestError} naming the column (or
 * type), and the table the call aimed at is as before.
 */
public abstract class MalformedColumnDataSuite extends SharedClientFixture {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @BeforeAll
    void committedData() {
        client.ingest("docs", Map.of("n", List.of(1L, 2L), "text", List.of("a", "b")));
    }

    private List<Row> docs() {
        return client.query("SELECT * FROM docs ORDER BY n");
    }

    private static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }

    private static Arguments bad(String name, Map<String, Object> data, Map<String, String> schema, String named) {
        return Arguments.of(Named.of(name, data), schema, named);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                bad("ragged embeddings", columns("n", List.of(3L, 4L), "vec", List.of(new float[] {1, 2}, new float[] {1, 2, 3})), null, "vec"),
                bad("ragged list embeddings", columns("n", List.of(3L, 4L), "vec", List.of(List.of(1.0, 2.0), List.of(1.0))), null, "vec"),
                bad("text and numbers in one column", columns("n", List.of(3L, 4L), "mixed", List.of(1L, "two")), null, "mixed"),
                bad("booleans and numbers in one column", columns("n", List.of(3L, 4L), "mixed", List.of(true, 2L)), null, "mixed"),
                bad("bytes and text in one column", columns("n", List.of(3L, 4L), "mixed", List.of(new byte[] {1}, "x")), null, "mixed"),
                bad("an empty column name", columns("n", List.of(3L), "", List.of("x")), null, "Column names"),
                bad("a blank column name", columns("n", List.of(3L), "  ", List.of("x")), null, "Column names"),
                bad("text into an INT64 column", columns("n", List.of("three")), null, "'n'"),
                bad("a vector into a TEXT column", columns("n", List.of(3L), "text", List.of(new float[] {1})), null, "'text'"),
                bad("an unknown type in the schema", columns("n", List.of(3L), "x", List.of("a")), Map.of("x", "NOT_A_TYPE"), "NOT_A_TYPE"),
                bad("a lower-case unknown type in the schema", columns("n", List.of(3L)), Map.of("n", "bigint2"), "bigint2"),
                bad("columns of unequal length", columns("n", List.of(3L, 4L), "text", List.of("c")), null, "text"),
                bad("a column that is not a list", columns("n", 3L), null, "'n'"),
                bad("an unsupported value type", columns("n", List.of(3L), "when", List.of(java.time.LocalDate.of(2024, 1, 1))), null, "when"),
                bad("a column of nulls only", columns("n", List.of(3L), "nothing", Arrays.asList(null, null)), null, "nothing"),
                bad("an INT64 schema for text values", columns("n", List.of(3L), "x", List.of("a")), Map.of("x", "INT64"), "x"),
                bad("an EMBEDDING schema for a number", columns("n", List.of(3L), "x", List.of(1.5)), Map.of("x", "EMBEDDING"), "x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void rejectedDataLeavesTheTableAsItWas(Map<String, Object> data, Map<String, String> schema, String named) {
        List<Row> before = docs();
        IngestOptions options = schema == null ? IngestOptions.builder().build() : IngestOptions.builder().schema(schema).build();
        ManagedServiceError e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(IngestError.class, () -> client.ingest("docs", data, options)));
        assertTrue(e.getMessage().contains(named), "the message names " + named + ": " + e.getMessage());
        assertEquals(before, docs(), "the table is unchanged");
    }

    @Test
    void hostileTableNamesAreRefused() {
        List<String> tables = client.listTables();
        List<Row> before = docs();
        for (String table : List.of("docs; DROP TABLE docs", "docs\"--", "", "../other")) {
            ManagedServiceError e = assertThrows(ManagedServiceError.class, () -> client.ingest(table, Map.of("n", List.of(1L))));
            assertTrue(e instanceof IngestError || e instanceof TableError, e.toString());
            assertTrue(e.getMessage().contains(table), "the message names the table: " + e.getMessage());
        }
        assertEquals(tables, client.listTables());
        assertEquals(before, docs());
    }

    @Test
    void aHostileColumnNameIsJustAName() {
        List<Row> before = docs();
        String name = "x\"; DROP TABLE docs; --";
        client.ingest("odd", Map.of(name, List.of("v")));
        assertEquals("v", client.query("SELECT * FROM odd").get(0).getString(name));
        assertEquals(before, docs());
    }

    @Test
    void nullsAreStoredAsNull() {
        client.ingest("sparse", columns("n", List.of(3L, 4L), "text", Arrays.asList(null, "d")));
        List<Row> rows = client.query("SELECT * FROM sparse ORDER BY n");
        assertNull(rows.get(0).get("text"));
        assertEquals("d", rows.get(1).getString("text"));
    }

    @Test
    void nanAndInfinitiesRoundTrip() {
        client.ingest("floats", columns("i", List.of(0L, 1L, 2L, 3L),
                "x", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0),
                "vec", List.of(new float[] {Float.NaN, 1}, new float[] {Float.POSITIVE_INFINITY, 1},
                        new float[] {Float.NEGATIVE_INFINITY, 1}, new float[] {0, 1})));
        List<Row> rows = client.query("SELECT x, vec FROM floats ORDER BY i");
        assertTrue(Double.isNaN(rows.get(0).getDouble("x")));
        assertEquals(Double.POSITIVE_INFINITY, rows.get(1).getDouble("x"));
        assertEquals(Double.NEGATIVE_INFINITY, rows.get(2).getDouble("x"));
        assertTrue(Float.isNaN(rows.get(0).getFloatArray("vec")[0]));
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 1}, rows.get(1).getFloatArray("vec"));
        assertArrayEquals(new float[] {Float.NEGATIVE_INFINITY, 1}, rows.get(2).getFloatArray("vec"));
    }

    @Test
    void aTenMegabyteStringRoundTrips() {
        String huge = "0123456789".repeat(1_000_000);
        assertTimeoutPreemptively(BOUND, () -> client.ingest("huge", columns("n", List.of(3L), "text", List.of(huge))));
        assertEquals(huge, client.query("SELECT text FROM huge").get(0).getString("text"));
    }

    @Test
    void emptyDataIsRefused() {
        List<Row> before = docs();
        assertEquals("data must not be empty", assertThrows(IngestError.class, () -> client.ingest("docs", Map.of())).getMessage());
        assertEquals(before, docs());
    }
}
