package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Locale;

/**
 * The arrays of one batch being filled from a DuckDB result (by a {@link RowSource}), a primitive
 * array per column so that no value is boxed: integers as long[], DOUBLE and DECIMAL as double[],
 * FLOAT as float[], BOOLEAN as boolean[], BLOB as byte[][], float arrays as float[][], anything else
 * as its text; with each column's null rows.
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

    /** @return the number of columns */
    int columnCount() {
        return names.length;
    }

    /** @return column {@code c}'s array */
    Object array(int c) {
        return arrays[c];
    }

    /** @return column {@code c}'s null rows */
    BitSet nulls(int c) {
        return nulls[c];
    }

    /** @return column {@code c}'s kind */
    Kind kind(int c) {
        return kinds[c];
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

    /**
     * Sets the null rows among {@code [row, row + count)} of column {@code c} to what the JDBC getters
     * give for a null (NaN, 0, false, null), not what a vector's memory or an earlier batch in reused
     * arrays held.
     */
    void setMissing(int c, int row, int count) {
        for (int i = nulls[c].nextSetBit(row); i >= 0 && i < row + count; i = nulls[c].nextSetBit(i + 1)) {
            setMissing(arrays[c], i);
        }
    }

    private static void setMissing(Object array, int i) {
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

    /** Puts a row already read as {@link ai.deeplake.Row} values into row {@code row}. */
    void put(Object[] values, int row) {
        for (int c = 0; c < names.length; c++) {
            Object v = values[c];
            if (v == null) {
                nulls[c].set(row);
                setMissing(arrays[c], row);
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
