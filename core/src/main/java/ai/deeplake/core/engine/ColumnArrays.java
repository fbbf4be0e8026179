package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Locale;

/**
 * One batch being filled from a DuckDB result, column by column into primitive arrays with the
 * typed getters (no boxing per value): integers as long[], DOUBLE and DECIMAL as double[], FLOAT as
 * float[], BOOLEAN as boolean[], BLOB as byte[][], float arrays as float[][], anything else as its
 * text.
 */
final class ColumnArrays {
    enum Kind { LONG, DOUBLE, FLOAT, BOOLEAN, BYTES, VECTOR, TEXT }

    private final String[] names;
    private final Kind[] kinds;
    private final Object[] arrays;
    private final BitSet[] nulls;

    ColumnArrays(String[] names, Kind[] kinds, int capacity) {
        this.names = names;
        this.kinds = kinds;
        arrays = new Object[names.length];
        nulls = new BitSet[names.length];
        for (int c = 0; c < names.length; c++) {
            arrays[c] = allocate(kinds[c], capacity);
            nulls[c] = new BitSet();
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
