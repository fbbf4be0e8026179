package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import ai.deeplake.core.BatchCursor;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.duckdb.DuckDBConnection;

/**
 * Reads a streaming DuckDB result into columnar batches: integers as long[], DOUBLE as double[],
 * FLOAT as float[], BOOLEAN as boolean[], BLOB as byte[][], float arrays as float[][], anything else
 * as its text. Owns the connection, statement and result set it reads.
 */
final class ResultBatches implements BatchCursor {
    private enum Kind { LONG, DOUBLE, FLOAT, BOOLEAN, BYTES, VECTOR, TEXT }

    private final DuckDBConnection connection;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final int batchSize;
    private final String[] names;
    private final Kind[] kinds;
    private boolean hasRow;

    ResultBatches(DuckDBConnection connection, PreparedStatement statement, int batchSize) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.rs = statement.executeQuery();
        this.batchSize = batchSize;
        ResultSetMetaData md = rs.getMetaData();
        names = new String[md.getColumnCount()];
        kinds = new Kind[names.length];
        for (int c = 0; c < names.length; c++) {
            names[c] = md.getColumnLabel(c + 1);
            kinds[c] = kind(md.getColumnTypeName(c + 1));
        }
        hasRow = rs.next();
    }

    private static Kind kind(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.endsWith("]")) {
            return Kind.VECTOR;
        }
        return switch (t) {
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT" -> Kind.LONG;
            case "DOUBLE" -> Kind.DOUBLE;
            case "FLOAT" -> Kind.FLOAT;
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "BLOB" -> Kind.BYTES;
            default -> t.startsWith("DECIMAL") ? Kind.DOUBLE : Kind.TEXT;
        };
    }

    @Override
    public boolean hasNext() {
        return hasRow;
    }

    @Override
    public Batch next() {
        if (!hasRow) {
            throw new NoSuchElementException();
        }
        try {
            Object[] columns = new Object[names.length];
            BitSet[] nulls = new BitSet[names.length];
            for (int c = 0; c < names.length; c++) {
                columns[c] = allocate(kinds[c], batchSize);
                nulls[c] = new BitSet();
            }
            int n = 0;
            while (hasRow && n < batchSize) {
                for (int c = 0; c < names.length; c++) {
                    read(c, n, columns[c], nulls[c]);
                }
                n++;
                hasRow = rs.next();
            }
            Batch.Builder b = Batch.builder();
            for (int c = 0; c < names.length; c++) {
                b.column(names[c], n == batchSize ? columns[c] : truncate(columns[c], n), nulls[c]);
            }
            return b.build();
        } catch (SQLException e) {
            close();
            throw new TableError("Reading a batch failed: " + EmbeddedBackend.firstLine(e.getMessage()), e);
        }
    }

    private static Object allocate(Kind kind, int n) {
        return switch (kind) {
            case LONG -> new long[n];
            case DOUBLE -> new double[n];
            case FLOAT -> new float[n];
            case BOOLEAN -> new boolean[n];
            case BYTES -> new byte[n][];
            case VECTOR -> new float[n][];
            case TEXT -> new String[n];
        };
    }

    private void read(int c, int row, Object column, BitSet nulls) throws SQLException {
        int i = c + 1;
        switch (kinds[c]) {
            case LONG -> ((long[]) column)[row] = rs.getLong(i);
            case DOUBLE -> ((double[]) column)[row] = rs.getDouble(i);
            case FLOAT -> ((float[]) column)[row] = rs.getFloat(i);
            case BOOLEAN -> ((boolean[]) column)[row] = rs.getBoolean(i);
            case BYTES -> ((byte[][]) column)[row] = rs.getBytes(i);
            case VECTOR -> ((float[][]) column)[row] = floats(rs.getArray(i));
            case TEXT -> ((String[]) column)[row] = rs.getString(i);
        }
        if (rs.wasNull()) {
            nulls.set(row);
        }
    }

    private static float[] floats(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] boxed = (Object[]) array.getArray();
        float[] out = new float[boxed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i] == null ? Float.NaN : ((Number) boxed[i]).floatValue();
        }
        return out;
    }

    private static Object truncate(Object column, int n) {
        Object out = java.lang.reflect.Array.newInstance(column.getClass().getComponentType(), n);
        System.arraycopy(column, 0, out, 0, n);
        return out;
    }

    @Override
    public void close() {
        try (connection; statement; rs) {
            hasRow = false;
        } catch (SQLException e) {
            throw new TableError("Closing a batch cursor failed: " + e.getMessage(), e);
        }
    }
}
