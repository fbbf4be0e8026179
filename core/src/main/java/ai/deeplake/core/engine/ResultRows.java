package ai.deeplake.core.engine;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns DuckDB JDBC values into the value types of a {@link ai.deeplake.Row}: byte[], float[], Long, String... */
final class ResultRows {
    private ResultRows() {}

    static Object value(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger big) {
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (v instanceof Blob blob) {
            return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        if (v instanceof Array array) {
            return array((Object[]) array.getArray());
        }
        if (v instanceof UUID || v.getClass().getName().equals("org.duckdb.JsonNode")) {
            return v.toString();
        }
        return v;
    }

    /** Float lists become float[] (vectors), lists of those float[][]; anything else a List. */
    private static Object array(Object[] items) throws SQLException {
        float[] vector = floats(items);
        if (vector != null) {
            return vector;
        }
        List<Object> converted = new ArrayList<>(items.length);
        boolean floats = true;
        boolean vectors = true;
        for (Object item : items) {
            Object c = value(item);
            converted.add(c);
            floats &= c instanceof Float || c instanceof Double;
            vectors &= c instanceof float[];
        }
        if (items.length > 0 && floats) {
            float[] out = new float[items.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) converted.get(i)).floatValue();
            }
            return out;
        }
        if (items.length > 0 && vectors) {
            return converted.toArray(new float[0][]);
        }
        return converted;
    }

    /**
     * The common case first, without a converted copy of every element: a vector of 384 floats
     * per row is most of what large results and batch streams read.
     *
     * @return the items as floats when every one is a Float or Double, else null
     */
    private static float[] floats(Object[] items) {
        if (items.length == 0) {
            return null;
        }
        float[] out = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            if (items[i] instanceof Float f) {
                out[i] = f;
            } else if (items[i] instanceof Double d) {
                out[i] = d.floatValue();
            } else {
                return null;
            }
        }
        return out;
    }
}
