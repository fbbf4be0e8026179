package ai.deeplake.core.engine;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

/**
 * Rows read straight from a DuckDB result's data chunks (up to 2048 rows each, in native memory),
 * for results whose every column has a {@link Getter}: the values are read off the chunk's memory
 * without the per-value checks of the JDBC result set (about 4x less per value), and FLOAT, DOUBLE
 * and BIGINT runs are copied in bulk ({@link VectorMemory}).
 */
final class ChunkRows implements RowSource {
    /**
     * How a column is read from a data chunk; one constant per DuckDB type the chunk reader knows, so
     * the getter that type needs is chosen once per column, not per value.
     */
    enum Getter {
        BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, FLOAT, DOUBLE, VARCHAR
    }

    private final DuckDBChunkedResult result;
    private final ResultSetMetaData metaData;
    private final Getter[] getters;
    private DuckDBDataChunkReader chunk;
    /** The next row of {@link #chunk} to read, and its row count. */
    private int position;
    private int chunkRows;
    private boolean done;

    ChunkRows(DuckDBChunkedResult result, ResultSetMetaData metaData, Getter[] getters) {
        this.result = result;
        this.metaData = metaData;
        this.getters = getters;
    }

    /**
     * @return each column's getter, or empty when a column has a type DuckDB's chunk reader cannot
     *     read (BLOB, lists and arrays, DECIMAL, dates and times, UBIGINT...), which must then be read
     *     through JDBC ({@link JdbcRows})
     */
    static Optional<Getter[]> getters(ResultSetMetaData md) throws SQLException {
        Getter[] getters = new Getter[md.getColumnCount()];
        for (int c = 0; c < getters.length; c++) {
            try {
                getters[c] = Getter.valueOf(md.getColumnTypeName(c + 1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notReadable) {
                return Optional.empty();
            }
        }
        return Optional.of(getters);
    }

    @Override
    public ResultSetMetaData metaData() {
        return metaData;
    }

    @Override
    public Object[] nextRow() throws SQLException {
        if (!available()) {
            return null;
        }
        Object[] values = new Object[getters.length];
        for (int c = 0; c < values.length; c++) {
            DuckDBReadableVector v = chunk.vector(c);
            values[c] = v.isNull(position) ? null : value(v, getters[c], position);
        }
        position++;
        return values;
    }

    @Override
    public int fill(ColumnArrays columns, int row, int max) throws SQLException {
        int n = row;
        while (n < max && available()) {
            int take = Math.min(max - n, chunkRows - position);
            for (int c = 0; c < getters.length; c++) {
                read(chunk.vector(c), getters[c], columns, c, position, take, n);
            }
            position += take;
            n += take;
        }
        return n;
    }

    /** @return whether a row is left, fetching the next chunk when this one is read */
    private boolean available() throws SQLException {
        while (!done && position >= chunkRows) {
            if (nextChunk()) {
                chunk = result.chunk();
                chunkRows = Math.toIntExact(chunk.rowCount());
                position = 0;
            } else {
                done = true;
            }
        }
        return !done;
    }

    /** The driver throws its SQLException from {@code nextChunk} undeclared (a failure in a later part of the query). */
    private boolean nextChunk() throws SQLException {
        try {
            return result.nextChunk();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
        }
    }

    /** Copies {@code count} rows of a vector, from its row {@code from}, into column {@code c} from row {@code row} on. */
    private static void read(DuckDBReadableVector v, Getter getter, ColumnArrays columns, int c, int from, int count, int row) {
        BitSet nulls = columns.nulls(c);
        if (VectorMemory.available() && copy(getter, v, columns.array(c), from, count, row)) {
            if (VectorMemory.markNulls(v, from, count, nulls, row)) {
                columns.setMissing(c, row, count);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            if (v.isNull(from + i)) {
                nulls.set(row + i);
            }
        }
        // One loop per array type: a type switch inside the per-value loop costs a third of the read.
        switch (getter) {
            case FLOAT -> {
                float[] a = (float[]) columns.array(c);
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getFloat(from + i, Float.NaN);
                }
            }
            case DOUBLE -> {
                double[] a = (double[]) columns.array(c);
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getDouble(from + i, Double.NaN);
                }
            }
            case BOOLEAN -> {
                boolean[] a = (boolean[]) columns.array(c);
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getBoolean(from + i, false);
                }
            }
            case VARCHAR -> {
                String[] a = (String[]) columns.array(c);
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getString(from + i);
                }
            }
            default -> {
                long[] a = (long[]) columns.array(c);
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.isNull(from + i) ? 0 : ((Number) value(v, getter, from + i)).longValue();
                }
            }
        }
    }

    /**
     * Copies the values of a FLOAT, DOUBLE or BIGINT vector, whose memory holds them as the array
     * does, with one bulk copy.
     *
     * @return false for other types, which take the per-value getters
     */
    private static boolean copy(Getter getter, DuckDBReadableVector v, Object array, int from, int count, int row) {
        switch (getter) {
            case FLOAT -> VectorMemory.data(v).asFloatBuffer().get(from, (float[]) array, row, count);
            case DOUBLE -> VectorMemory.data(v).asDoubleBuffer().get(from, (double[]) array, row, count);
            case BIGINT -> VectorMemory.data(v).asLongBuffer().get(from, (long[]) array, row, count);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** @return a row's non-null value as a {@link ai.deeplake.Row} value (integers as Long) */
    private static Object value(DuckDBReadableVector v, Getter getter, long row) {
        return switch (getter) {
            case BOOLEAN -> v.getBoolean(row);
            case TINYINT -> (long) v.getByte(row);
            case SMALLINT -> (long) v.getShort(row);
            case INTEGER -> (long) v.getInt(row);
            case BIGINT -> v.getLong(row);
            case UTINYINT -> (long) v.getUint8(row);
            case USMALLINT -> (long) v.getUint16(row);
            case UINTEGER -> v.getUint32(row);
            case FLOAT -> v.getFloat(row);
            case DOUBLE -> v.getDouble(row);
            case VARCHAR -> v.getString(row);
        };
    }

    @Override
    public void close() throws SQLException {
        done = true;
        chunk = null;
        result.close();
    }
}
