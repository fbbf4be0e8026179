package ai.deeplake.core.ingest;

import ai.deeplake.api.Batch;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place column types are decided. Precedence: the caller's explicit schema, then the types a
 * format declares, then inference from the values (Boolean -> BOOL, Integer/Long -> INT64,
 * Float/Double -> FLOAT64, String -> TEXT, byte[] -> BINARY, float[]/double[]/List of numbers of equal
 * length -> EMBEDDING, Map or other List -> JSON).
 */
public final class SchemaInference {
    private SchemaInference() {}

    /**
     * Decides the schema of column data.
     *
     * @param columns column name to values, in order
     * @param explicit the caller's types by column name (may name only some columns)
     */
    public static Schema forColumns(Map<String, List<?>> columns, Map<String, ColumnType> explicit) {
        Schema.Builder b = Schema.builder();
        columns.forEach((name, values) -> {
            ColumnType type = explicit.containsKey(name) ? explicit.get(name) : infer(name, values);
            b.add(name, type, type == ColumnType.EMBEDDING ? commonLength(name, values) : 0);
        });
        return b.build();
    }

    /**
     * Decides the schema of a format's batches: explicit types win, then the format's declared ones,
     * then the first batch's array types.
     */
    public static Schema forBatches(Batch first, Optional<Schema> declared, Map<String, ColumnType> explicit) {
        Schema.Builder b = Schema.builder();
        for (String name : first.columnNames()) {
            Optional<Schema.Column> known = declared.flatMap(s -> s.column(name));
            Object values = first.column(name);
            ColumnType type = explicit.containsKey(name) ? explicit.get(name)
                    : known.map(Schema.Column::type).orElseGet(() -> ofArray(name, values));
            int size = known.filter(k -> k.type() == type).map(Schema.Column::size).orElse(0);
            if (size == 0 && type == ColumnType.EMBEDDING && values instanceof float[][] vectors) {
                size = commonLength(name, List.of((Object[]) vectors));
            }
            b.add(name, type, size);
        }
        return b.build();
    }

    /** @return the type of a Java value, or empty for null */
    static Optional<ColumnType> typeOf(Object v) {
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean) {
            return Optional.of(ColumnType.BOOL);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return Optional.of(ColumnType.INT64);
        }
        if (v instanceof Float || v instanceof Double || v instanceof BigDecimal) {
            return Optional.of(ColumnType.FLOAT64);
        }
        if (v instanceof CharSequence) {
            return Optional.of(ColumnType.TEXT);
        }
        if (v instanceof byte[]) {
            return Optional.of(ColumnType.BINARY);
        }
        if (v instanceof float[] || v instanceof double[] || (v instanceof Collection<?> c && !c.isEmpty() && c.stream().allMatch(Number.class::isInstance))) {
            return Optional.of(ColumnType.EMBEDDING);
        }
        if (v instanceof Map<?, ?> || v instanceof Collection<?>) {
            return Optional.of(ColumnType.JSON);
        }
        return Optional.empty();
    }

    private static ColumnType infer(String column, List<?> values) {
        ColumnType found = null;
        for (int row = 0; row < values.size(); row++) {
            Object v = values.get(row);
            if (v == null) {
                continue;
            }
            int at = row;
            ColumnType t = typeOf(v).orElseThrow(() -> new IngestError("Column '" + column + "' row " + at
                    + " holds a " + v.getClass().getName() + ", which has no column type; pass a schema or convert it"));
            if (found == null || found == t) {
                found = t;
            } else if (isNumber(found) && isNumber(t)) {
                found = ColumnType.FLOAT64;
            } else {
                throw new IngestError("Column '" + column + "' mixes " + found + " and " + t + " values (row " + row + ")");
            }
        }
        return found == null ? ColumnType.TEXT : found;
    }

    private static boolean isNumber(ColumnType t) {
        return t == ColumnType.INT64 || t == ColumnType.FLOAT64;
    }

    private static ColumnType ofArray(String column, Object values) {
        if (values instanceof long[]) {
            return ColumnType.INT64;
        }
        if (values instanceof double[]) {
            return ColumnType.FLOAT64;
        }
        if (values instanceof float[]) {
            return ColumnType.FLOAT32;
        }
        if (values instanceof boolean[]) {
            return ColumnType.BOOL;
        }
        if (values instanceof String[]) {
            return ColumnType.TEXT;
        }
        if (values instanceof byte[][]) {
            return ColumnType.BINARY;
        }
        if (values instanceof float[][]) {
            return ColumnType.EMBEDDING;
        }
        throw new IngestError("Column '" + column + "' holds " + values.getClass().getSimpleName() + ", which has no column type");
    }

    /** @return the common length of a vector column's values (0 when all are null) */
    private static int commonLength(String column, List<?> values) {
        int size = -1;
        int first = -1;
        for (int row = 0; row < values.size(); row++) {
            int length = ColumnData.vectorLength(column, row, values.get(row));
            if (length < 0) {
                continue;
            }
            if (size < 0) {
                size = length;
                first = row;
            } else if (length != size) {
                throw new IngestError("Column '" + column + "' has vectors of different lengths: " + size + " at row " + first
                        + ", " + length + " at row " + row + " (EMBEDDING columns have one fixed size)");
            }
        }
        return Math.max(size, 0);
    }
}
