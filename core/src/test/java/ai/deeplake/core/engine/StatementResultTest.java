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
}
