package ai.deeplake.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The open-result and batch paths of the engine that the REST server runs on. */
class StatementResultTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    @TempDir
    Path root;
    EmbeddedBackend backend;

    @BeforeEach
    void open() {
        backend = new EmbeddedBackend(root, "ws");
        backend.query("CREATE TABLE t (n INT64, img IMAGE, emb EMBEDDING(2), doc JSON)", List.of(), TIMEOUT);
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void columnsAndTypesAreKnownWithoutRows() {
        try (StatementResult r = backend.execute("SELECT n, img, emb, doc FROM t", List.of(), TIMEOUT)) {
            assertTrue(r.hasRows());
            assertEquals(List.of("n", "img", "emb", "doc"), r.columnNames());
            assertEquals(List.of("BIGINT", "BLOB", "FLOAT[2]", "JSON"), r.columnTypes());
            assertNull(r.next());
        }
    }

    @Test
    void statementsWithoutRowsCountWhatTheyChanged() {
        backend.executeBatch("INSERT INTO t (n) VALUES ($1)", List.of(List.of(1L), List.of(2L)), TIMEOUT);
        try (StatementResult r = backend.execute("UPDATE t SET n = n + 1", List.of(), TIMEOUT)) {
            assertFalse(r.hasRows());
            assertEquals(2, r.changedRows());
            assertEquals(List.of(), r.columnNames());
        }
        try (StatementResult r = backend.execute("ALTER TABLE t ADD COLUMN extra TEXT", List.of(), TIMEOUT)) {
            assertEquals(0, r.changedRows());
        }
    }

    @Test
    void batchInsertsEveryRowWithHexBytesAndVectors() {
        List<List<Object>> rows = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            rows.add(Arrays.asList(i, String.format("%04x", i), new float[] {i, 1}));
        }
        rows.add(Arrays.asList(300L, null, null));
        long changed = backend.executeBatch("INSERT INTO t (n, img, emb) VALUES ($1, decode($2, 'hex')::IMAGE, $3)", rows, TIMEOUT);
        assertEquals(301, changed);
        try (StatementResult r = backend.execute("SELECT img, emb FROM t WHERE n = 258", List.of(), TIMEOUT)) {
            Object[] row = r.next();
            assertArrayEquals(new byte[] {1, 2}, (byte[]) row[0]);
            assertArrayEquals(new float[] {258, 1}, (float[]) row[1]);
        }
    }

    @Test
    void aFailingRowAppliesNothingAndIsNamed() {
        List<List<Object>> rows = List.of(List.of(1L), List.of(2L), List.of("not a number"));
        TableError e = assertThrows(TableError.class,
                () -> backend.executeBatch("INSERT INTO t (n) VALUES ($1)", rows, TIMEOUT));
        assertTrue(e.getMessage().startsWith("Row 2 of the batch failed, so none was applied"), e.getMessage());
        assertEquals(0L, backend.query("SELECT count(*) AS c FROM t", List.of(), TIMEOUT).get(0).getLong("c"));
    }

    @Test
    void stagedBatchesMixIntegersWithFloatsAndTakeAllNullColumns() {
        backend.query("CREATE TABLE s (x FLOAT64, note TEXT)", List.of(), TIMEOUT);
        List<List<Object>> rows = List.of(Arrays.asList(1L, null), Arrays.asList(0.5, null), Arrays.asList(null, null));
        assertEquals(3, backend.executeBatch("INSERT INTO s (x, note) VALUES ($1 * 2, $2)", rows, TIMEOUT));
        assertEquals(3.0, backend.query("SELECT sum(x) AS total FROM s", List.of(), TIMEOUT).get(0).getDouble("total"));
    }

    @Test
    void aFailingStagedBatchAppliesNothing() {
        List<List<Object>> rows = List.of(List.of(1L, new float[] {1, 2}), List.of(2L, new float[] {1, 2, 3}));
        TableError e = assertThrows(TableError.class,
                () -> backend.executeBatch("INSERT INTO t (n, emb) VALUES ($1, $2)", rows, TIMEOUT));
        assertTrue(e.getMessage().startsWith("The batch failed, so none of its rows was applied"), e.getMessage());
        assertEquals(0L, backend.query("SELECT count(*) AS c FROM t", List.of(), TIMEOUT).get(0).getLong("c"));
    }

    @Test
    void aStatementErrorNamesNoRow() {
        TableError e = assertThrows(TableError.class,
                () -> backend.executeBatch("INSERT INTO t VALUES ($1)", List.of(List.of(1L)), TIMEOUT));
        assertTrue(e.getMessage().startsWith("The batch failed, so none of its rows was applied: Binder Error"), e.getMessage());
        TableError rowByRow = assertThrows(TableError.class,
                () -> backend.executeBatch("UPDATE t SET nope = $1", List.of(List.of(1L)), TIMEOUT));
        assertTrue(rowByRow.getMessage().startsWith("Binder Error"), rowByRow.getMessage());
    }

    @Test
    void aBatchRunsOnlyChanges() {
        TableError e = assertThrows(TableError.class,
                () -> backend.executeBatch("SELECT $1", List.of(List.of(1L)), TIMEOUT));
        assertTrue(e.getMessage().startsWith("A batch runs one INSERT, UPDATE or DELETE"), e.getMessage());
    }

    /** Every type the chunk reader knows, a NULL in every 7th row of each, over more rows than one 2048-row chunk. */
    private static final String EVERY_CHUNK_TYPE = "SELECT"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 100 - 50)::TINYINT END AS t,"
            + " CASE WHEN i % 7 = 1 THEN NULL ELSE (i - 3000)::SMALLINT END AS s,"
            + " CASE WHEN i % 7 = 2 THEN NULL ELSE (i * 1000)::INTEGER END AS n,"
            + " CASE WHEN i % 7 = 3 THEN NULL ELSE i * 4000000000 END AS b,"
            + " CASE WHEN i % 7 = 4 THEN NULL ELSE (i % 250)::UTINYINT END AS ut,"
            + " CASE WHEN i % 7 = 5 THEN NULL ELSE (i * 10)::USMALLINT END AS us,"
            + " CASE WHEN i % 7 = 6 THEN NULL ELSE (i * 800000)::UINTEGER END AS ui,"
            + " CASE WHEN i % 7 = 0 THEN NULL ELSE (i / 4)::FLOAT END AS f,"
            + " CASE WHEN i % 7 = 1 THEN NULL ELSE i / 3 END AS d,"
            + " CASE WHEN i % 7 = 2 THEN NULL ELSE i % 2 = 0 END AS flag,"
            + " CASE WHEN i % 7 = 3 THEN NULL ELSE 'row ' || i END AS label";
    private static final int ROWS = 5000;

    private static Object[] expected(long i) {
        return new Object[] {
            i % 7 == 0 ? null : i % 100 - 50, i % 7 == 1 ? null : i - 3000, i % 7 == 2 ? null : i * 1000,
            i % 7 == 3 ? null : i * 4000000000L, i % 7 == 4 ? null : i % 250, i % 7 == 5 ? null : i * 10,
            i % 7 == 6 ? null : i * 800000, i % 7 == 0 ? null : i / 4f, i % 7 == 1 ? null : i / 3.0,
            i % 7 == 2 ? null : i % 2 == 0, i % 7 == 3 ? null : "row " + i};
    }

    @Test
    void rowsReadFromDataChunksAreThoseOfJdbc() {
        String chunked = EVERY_CHUNK_TYPE + " FROM range(" + ROWS + ") AS r(i) ORDER BY i";
        // A BLOB column makes the same rows go through the JDBC result set.
        String jdbc = EVERY_CHUNK_TYPE + ", 'x'::BLOB AS blob FROM range(" + ROWS + ") AS r(i) ORDER BY i";
        try (StatementResult fromChunks = backend.execute(chunked, List.of(), TIMEOUT);
                StatementResult fromJdbc = backend.execute(jdbc, List.of(), TIMEOUT)) {
            assertEquals(List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "FLOAT",
                    "DOUBLE", "BOOLEAN", "VARCHAR"), fromChunks.columnTypes());
            for (long i = 0; i < ROWS; i++) {
                Object[] expected = expected(i);
                assertArrayEquals(expected, fromChunks.next(), "row " + i);
                assertArrayEquals(expected, Arrays.copyOf(fromJdbc.next(), expected.length), "row " + i);
            }
            assertNull(fromChunks.next());
        }
    }

    @Test
    void batchesReadFromDataChunksCrossChunkBoundaries() {
        // The bulk copy of FLOAT, DOUBLE and BIGINT runs reads the driver's private vector memory: a
        // driver upgrade that renames it would fall back to the slower getters unnoticed but for this.
        assertTrue(VectorMemory.available(), "DuckDB JDBC's vector memory is not readable: ChunkRows falls back to per-value getters");
        for (int batchSize : new int[] {256, 3000, 10000}) {
            long row = 0;
            try (var cursor = backend.scan(EVERY_CHUNK_TYPE + " FROM range(" + ROWS + ") AS r(i) ORDER BY i", List.of(), batchSize)) {
                while (cursor.hasNext()) {
                    ai.deeplake.api.Batch batch = cursor.next();
                    assertEquals(Math.min(batchSize, ROWS - row), batch.size());
                    for (int r = 0; r < batch.size(); r++, row++) {
                        Object[] expected = expected(row);
                        for (int c = 0; c < expected.length; c++) {
                            String name = batch.columnNames().get(c);
                            assertEquals(expected[c], batch.value(name, r), name + " of row " + row + ", batches of " + batchSize);
                        }
                    }
                }
            }
            assertEquals(ROWS, row);
        }
    }

    @Test
    void reusedArraysHoldEachBatchWithNullsAsJdbcGivesThem() {
        // Both readers: the data chunks, and JDBC (the BLOB column).
        for (String extra : new String[] {"", ", 'x'::BLOB AS blob"}) {
            try (StatementResult r = backend.execute(EVERY_CHUNK_TYPE + extra + " FROM range(" + ROWS + ") AS r(i) ORDER BY i", List.of(),
                    TIMEOUT)) {
                // Some rows read ahead, as a server answering in columns does, go into the first batch.
                assertTrue(r.hasAtLeast(3));
                long row = 0;
                for (ai.deeplake.api.Batch batch = r.nextBatchReusingArrays(700); batch.size() > 0; batch = r.nextBatchReusingArrays(700)) {
                    for (int i = 0; i < batch.size(); i++, row++) {
                        Object[] expected = expected(row);
                        for (int c = 0; c < expected.length; c++) {
                            String name = batch.columnNames().get(c);
                            assertEquals(expected[c], batch.value(name, i), name + " of row " + row);
                            if (expected[c] == null) {
                                // What the JDBC getters give for a null, whichever reader and whatever the arrays held before.
                                Object missing = java.lang.reflect.Array.get(batch.column(name), i);
                                assertEquals(name.equals("f") ? (Object) Float.NaN : name.equals("d") ? (Object) Double.NaN
                                        : name.equals("flag") ? (Object) false : name.equals("label") ? null : (Object) 0L, missing,
                                        name + " of null row " + row);
                            }
                        }
                    }
                }
                assertEquals(ROWS, row);
            }
        }
    }

    @Test
    void aFailureInALaterChunkIsATableError() {
        String sql = "SELECT CAST(CASE WHEN i > 4000 THEN 'x' ELSE '1' END AS INTEGER) AS v FROM range(" + ROWS + ") AS r(i)";
        TableError inBatches = assertThrows(TableError.class, () -> {
            try (var cursor = backend.scan(sql, List.of(), 256)) {
                cursor.forEachRemaining(b -> { });
            }
        });
        assertTrue(inBatches.getMessage().contains("Could not convert string 'x'"), inBatches.getMessage());
        TableError inRows = assertThrows(TableError.class, () -> backend.query(sql, List.of(), TIMEOUT));
        assertTrue(inRows.getMessage().contains("Could not convert string 'x'"), inRows.getMessage());
    }
}
