package ai.deeplake;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One result row: an unmodifiable, ordered {@code Map<String, Object>} of column name to value, with
 * typed getters. Binary columns (IMAGE, BINARY, VIDEO, masks) are {@code byte[]}, vectors are
 * {@code float[]} (2-D: {@code float[][]}), integers {@code Long}, text and JSON {@code String}; the same
 * in embedded and remote mode.
 */
public final class Row extends AbstractMap<String, Object> {
    private final Map<String, Object> values;

    /** Makes a row from column values in order; the map is copied. */
    public Row(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return values.entrySet();
    }

    @Override
    public Object get(Object column) {
        return values.get(column);
    }

    @Override
    public boolean containsKey(Object column) {
        return values.containsKey(column);
    }

    /** @return the value as text (its {@code toString()}), or null */
    public String getString(String column) {
        Object v = require(column);
        return v == null ? null : v.toString();
    }

    /** @return an integer value; throws if the value is null or not a number */
    public long getLong(String column) {
        return number(column).longValue();
    }

    /** @return an integer value; throws if the value is null, not a number or out of int range */
    public int getInt(String column) {
        return Math.toIntExact(getLong(column));
    }

    /** @return a floating-point value; throws if the value is null or not a number */
    public double getDouble(String column) {
        return number(column).doubleValue();
    }

    /** @return a floating-point value; throws if the value is null or not a number */
    public float getFloat(String column) {
        return number(column).floatValue();
    }

    /** @return a boolean value; throws if the value is null or not a boolean */
    public boolean getBoolean(String column) {
        return as(column, Boolean.class);
    }

    /** @return a binary value (image, video, blob), or null */
    public byte[] getBytes(String column) {
        return require(column) == null ? null : as(column, byte[].class);
    }

    /** @return a vector value (EMBEDDING, BOUNDING_BOX...), or null */
    public float[] getFloatArray(String column) {
        Object v = require(column);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).floatValue();
            }
            return out;
        }
        return as(column, float[].class);
    }

    /** @return a 2-D vector value (multi-vector embeddings), or null */
    public float[][] getFloatArray2d(String column) {
        return require(column) == null ? null : as(column, float[][].class);
    }

    private Number number(String column) {
        Object v = require(column);
        if (v == null) {
            throw new IllegalStateException("column '" + column + "' is null");
        }
        return as(column, Number.class);
    }

    private <T> T as(String column, Class<T> type) {
        Object v = require(column);
        if (!type.isInstance(v)) {
            throw new ClassCastException("column '" + column + "' holds " + (v == null ? "null" : v.getClass().getSimpleName())
                    + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    private Object require(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column '" + column + "' in row (columns: " + values.keySet() + ")");
        }
        return values.get(column);
    }
}
