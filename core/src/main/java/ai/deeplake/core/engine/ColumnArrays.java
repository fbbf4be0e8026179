package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBReadableVector;

/**
 * One batch being filled from a DuckDB result, column by column into primitive arrays with the
 * typed getters (no boxing per value): integers as long[], DOUBLE and DECIMAL as double[], FLOAT as
 * float[], BOOLEAN as boolean[], BLOB as byte[][], float arrays as float[][], anything else as its
 * text.
 *
 * <p>Rows come either from a JDBC result set (any type) or straight from DuckDB's data chunks
 * ({@link ChunkGetter}), which reads values off the chunk's native memory without the result set's
 * per-value checks: about 4x faster, for the types the chunk reader knows (numbers, booleans,
 * VARCHAR).
 */
final class ColumnArrays {
    enum Kind { LONG, DOUBLE, FLOAT, BOOLEAN, BYTES, VECTOR, TEXT }

    private final String[] names;
    private final Kind[] kinds;
    private final Object[] arrays;
    private final BitSet[] nulls;
    private final int capacity;

    ColumnArrays(String[] names, Kind[] kinds, int capacity) {
        this.names = names;
        this.capacity = capacity;
        this.kinds = kinds;
        arrays = new Object[names.length];
        nulls = new BitSet[names.length];
        for (int c = 0; c < names.length; c++) {
            arrays[c] = allocate(kinds[c], capacity);
            nulls[c] = new BitSet();
        }
    }

    /** @return how many rows the arrays hold */
    int capacity() {
        return capacity;
    }

    /** Forgets the null rows, so the arrays can be filled again: values are overwritten or were null. */
    void clearNulls() {
        for (BitSet n : nulls) {
            n.clear();
        }
    }

    /** @return the batch kind of each column of a result */
    static Kind[] kinds(ResultSetMetaData md) throws SQLException {
        Kind[] kinds = new Kind[md.getColumnCount()];
        for (int c = 0; c < kinds.length; c++) {
            kinds[c] = kind(md.getColumnTypeName(c + 1));
        }
        return kinds;
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

    /**
     * How a column is read from a data chunk; one constant per DuckDB type the chunk reader knows, so
     * the getter that type needs is chosen once per column, not per value.
     */
    enum ChunkGetter {
        BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, UTINYINT, USMALLINT, UINTEGER, FLOAT, DOUBLE, VARCHAR
    }

    /**
     * @return each column's chunk getter, or empty when a column has a type DuckDB's chunk reader
     *     cannot read (BLOB, lists and arrays, DECIMAL, dates and times, UBIGINT...), which must then
     *     be read through the result set
     */
    static Optional<ChunkGetter[]> chunkGetters(ResultSetMetaData md) throws SQLException {
        ChunkGetter[] getters = new ChunkGetter[md.getColumnCount()];
        for (int c = 0; c < getters.length; c++) {
            try {
                getters[c] = ChunkGetter.valueOf(md.getColumnTypeName(c + 1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException notReadable) {
                return Optional.empty();
            }
        }
        return Optional.of(getters);
    }

    /**
     * Copies {@code count} rows of a data chunk, from its row {@code from}, into the rows from
     * {@code row} on; column by column, so each column's getter is chosen once.
     */
    void read(DuckDBDataChunkReader chunk, ChunkGetter[] getters, int from, int count, int row) {
        for (int c = 0; c < names.length; c++) {
            DuckDBReadableVector v = chunk.vector(c);
            BitSet nullRows = nulls[c];
            if (VectorMemory.available() && copy(getters[c], VectorMemory.data(v), arrays[c], from, count, row)) {
                if (VectorMemory.markNulls(v, from, count, nullRows, row)) {
                    zeroNulls(arrays[c], nullRows, row, count);
                }
            } else {
                readValues(v, getters[c], arrays[c], nullRows, from, count, row);
            }
        }
    }

    /**
     * Reads a run of a vector value by value, with the getter of its type; one loop per array type,
     * since a type switch inside the per-value loop costs a third of the read.
     */
    private static void readValues(DuckDBReadableVector v, ChunkGetter getter, Object array, BitSet nullRows, int from, int count,
            int row) {
        for (int i = 0; i < count; i++) {
            if (v.isNull(from + i)) {
                nullRows.set(row + i);
            }
        }
        switch (getter) {
            case FLOAT -> {
                float[] a = (float[]) array;
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getFloat(from + i, Float.NaN);
                }
            }
            case DOUBLE -> {
                double[] a = (double[]) array;
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getDouble(from + i, Double.NaN);
                }
            }
            case BOOLEAN -> {
                boolean[] a = (boolean[]) array;
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getBoolean(from + i, false);
                }
            }
            case VARCHAR -> {
                String[] a = (String[]) array;
                for (int i = 0; i < count; i++) {
                    a[row + i] = v.getString(from + i);
                }
            }
            default -> {
                long[] a = (long[]) array;
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
    private static boolean copy(ChunkGetter getter, ByteBuffer data, Object array, int from, int count, int row) {
        switch (getter) {
            case FLOAT -> data.asFloatBuffer().get(from, (float[]) array, row, count);
            case DOUBLE -> data.asDoubleBuffer().get(from, (double[]) array, row, count);
            case BIGINT -> data.asLongBuffer().get(from, (long[]) array, row, count);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Sets the null rows among {@code [row, row + count)} to what the JDBC getters give for a null
     * (NaN, 0, false, null), not what a vector's memory or an earlier batch in reused arrays held.
     */
    private static void zeroNulls(Object array, BitSet nulls, int row, int count) {
        for (int i = nulls.nextSetBit(row); i >= 0 && i < row + count; i = nulls.nextSetBit(i + 1)) {
            clear(array, i);
        }
    }

    private static void clear(Object array, int i) {
        if (array instanceof float[] a) {
            a[i] = Float.NaN;
        } else if (array instanceof double[] a) {
            a[i] = Double.NaN;
        } else if (array instanceof long[] a) {
            a[i] = 0;
        } else if (array instanceof boolean[] a) {
            a[i] = false;
        } else {
            ((Object[]) array)[i] = null;
        }
    }

    /** @return row {@code row} of column {@code c} of a data chunk as a {@link ai.deeplake.Row} value (integers as Long) */
    static Object value(DuckDBDataChunkReader chunk, ChunkGetter getter, int c, int row) {
        DuckDBReadableVector v = chunk.vector(c);
        return v.isNull(row) ? null : value(v, getter, row);
    }

    private static Object value(DuckDBReadableVector v, ChunkGetter getter, long row) {
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

    /** Reads the result set's current row into row {@code row}. */
    void read(ResultSet rs, int row) throws SQLException {
        for (int c = 0; c < names.length; c++) {
            int i = c + 1;
            Object column = arrays[c];
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
                nulls[c].set(row);
            }
        }
    }

    /** Puts a row already read as {@link ai.deeplake.Row} values into row {@code row}. */
    void put(Object[] values, int row) {
        for (int c = 0; c < names.length; c++) {
            Object v = values[c];
            if (v == null) {
                nulls[c].set(row);
                clear(arrays[c], row);
                continue;
            }
            Object column = arrays[c];
            switch (kinds[c]) {
                case LONG -> ((long[]) column)[row] = ((Number) v).longValue();
                case DOUBLE -> ((double[]) column)[row] = ((Number) v).doubleValue();
                case FLOAT -> ((float[]) column)[row] = ((Number) v).floatValue();
                case BOOLEAN -> ((boolean[]) column)[row] = (Boolean) v;
                case BYTES -> ((byte[][]) column)[row] = (byte[]) v;
                case VECTOR -> ((float[][]) column)[row] = v instanceof float[] f ? f : null;
                case TEXT -> ((String[]) column)[row] = v.toString();
            }
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

    /** @return the first {@code n} rows as a batch */
    Batch build(int n) {
        Batch.Builder b = Batch.builder();
        for (int c = 0; c < names.length; c++) {
            b.column(names[c], n == java.lang.reflect.Array.getLength(arrays[c]) ? arrays[c] : truncate(arrays[c], n), nulls[c]);
        }
        return b.build();
    }

    private static Object truncate(Object column, int n) {
        Object out = java.lang.reflect.Array.newInstance(column.getClass().getComponentType(), n);
        System.arraycopy(column, 0, out, 0, n);
        return out;
    }
}
