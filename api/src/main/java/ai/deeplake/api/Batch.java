package ai.deeplake.api;

import java.lang.reflect.Array;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Equal-length named columns: what a {@link Format} or {@link Chunker} yields and what
 * {@code Dataset.batches(n)} returns.
 *
 * <p>Each column is held as one array by its type's {@link ColumnType.Kind}: {@code long[]} for
 * integers, {@code double[]} for FLOAT64, {@code float[]} for FLOAT32, {@code boolean[]},
 * {@code String[]} for text and JSON, {@code byte[][]} for binary kinds and {@code float[][]} for
 * vectors. Reference arrays hold {@code null} for a missing value; primitive columns may carry a null
 * mask, and the batches a Dataset reads hold NaN, 0 or false at a missing value's place. A batch does
 * not copy the arrays it is given: treat them as handed over.
 */
public final class Batch {
    private final Map<String, Object> columns;
    private final Map<String, BitSet> nulls;
    private final int size;

    private Batch(Map<String, Object> columns, Map<String, BitSet> nulls, int size) {
        this.columns = Collections.unmodifiableMap(columns);
        this.nulls = Collections.unmodifiableMap(nulls);
        this.size = size;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of rows */
    public int size() {
        return size;
    }

    /** @return the column names in order */
    public List<String> columnNames() {
        return List.copyOf(columns.keySet());
    }

    /** @return true when the batch has a column of that name */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /** @return the column's values as the array it is held in (see the class comment for the types) */
    public Object column(String name) {
        Object values = columns.get(name);
        if (values == null) {
            throw new IllegalArgumentException("batch has no column '" + name + "' (columns: " + columns.keySet() + ")");
        }
        return values;
    }

    /** @return true when the value at {@code row} of the column is missing */
    public boolean isNull(String name, int row) {
        Object values = column(name);
        if (values instanceof Object[] refs) {
            return refs[row] == null;
        }
        BitSet mask = nulls.get(name);
        return mask != null && mask.get(row);
    }

    /**
     * @return the rows whose value in the column is missing, as a new set (reading a whole column's
     *     nulls at once is much cheaper than {@link #isNull} per row)
     */
    public BitSet nulls(String name) {
        Object values = column(name);
        if (values instanceof Object[] refs) {
            BitSet out = new BitSet();
            for (int i = 0; i < refs.length; i++) {
                if (refs[i] == null) {
                    out.set(i);
                }
            }
            return out;
        }
        BitSet mask = nulls.get(name);
        return mask == null ? new BitSet() : (BitSet) mask.clone();
    }

    /** @return the value at {@code row} of the column, boxed, or null when missing */
    public Object value(String name, int row) {
        if (isNull(name, row)) {
            return null;
        }
        return Array.get(column(name), row);
    }

    /** @return an integer column */
    public long[] longs(String name) {
        return typed(name, long[].class);
    }

    /** @return a FLOAT64 column */
    public double[] doubles(String name) {
        return typed(name, double[].class);
    }

    /** @return a FLOAT32 column */
    public float[] floats(String name) {
        return typed(name, float[].class);
    }

    /** @return a BOOL column */
    public boolean[] booleans(String name) {
        return typed(name, boolean[].class);
    }

    /** @return a text or JSON column */
    public String[] strings(String name) {
        return typed(name, String[].class);
    }

    /** @return a binary column (BINARY, IMAGE, VIDEO, masks...) */
    public byte[][] bytes(String name) {
        return typed(name, byte[][].class);
    }

    /** @return a vector column (EMBEDDING, BOUNDING_BOX, POINT, POLYGON) */
    public float[][] vectors(String name) {
        return typed(name, float[][].class);
    }

    private <T> T typed(String name, Class<T> type) {
        Object values = column(name);
        if (!type.isInstance(values)) {
            throw new IllegalArgumentException("column '" + name + "' holds " + values.getClass().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        return type.cast(values);
    }

    /** @return a builder holding this batch's columns (arrays shared, not copied), to add columns to */
    public Builder toBuilder() {
        Builder b = new Builder();
        columns.forEach((name, values) -> b.column(name, values, nulls.get(name)));
        return b;
    }

    @Override
    public String toString() {
        return "Batch" + columns.keySet() + " x " + size;
    }

    /** Builds a {@link Batch}; every column must have the same length. */
    public static final class Builder {
        private final Map<String, Object> columns = new LinkedHashMap<>();
        private final Map<String, BitSet> nulls = new LinkedHashMap<>();
        private int size = -1;

        private Builder() {}

        /**
         * Adds a column.
         *
         * @param values one of {@code long[]}, {@code double[]}, {@code float[]}, {@code boolean[]},
         *     {@code String[]}, {@code byte[][]}, {@code float[][]}
         */
        public Builder column(String name, Object values) {
            return column(name, values, null);
        }

        /** Adds a primitive column whose rows set in {@code nullMask} are missing. */
        public Builder column(String name, Object values, BitSet nullMask) {
            if (!isColumnArray(values)) {
                throw new IllegalArgumentException("column '" + name + "': unsupported array type "
                        + (values == null ? "null" : values.getClass().getSimpleName()));
            }
            int length = Array.getLength(values);
            if (size >= 0 && length != size) {
                throw new IllegalArgumentException("column '" + name + "' has " + length + " values, the others have " + size);
            }
            if (columns.putIfAbsent(name, values) != null) {
                throw new IllegalArgumentException("duplicate column '" + name + "'");
            }
            if (nullMask != null && !nullMask.isEmpty()) {
                nulls.put(name, nullMask);
            }
            size = length;
            return this;
        }

        private static boolean isColumnArray(Object values) {
            // Type tests, not a set of classes: a server builds a batch per 256 rows, and the set's hash probe showed in its profile.
            return values instanceof long[] || values instanceof double[] || values instanceof float[] || values instanceof boolean[]
                    || values instanceof String[] || values instanceof byte[][] || values instanceof float[][];
        }

        public Batch build() {
            return new Batch(columns, nulls, Math.max(size, 0));
        }
    }
}
