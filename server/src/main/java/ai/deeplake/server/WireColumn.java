package ai.deeplake.server;

import ai.deeplake.core.engine.StatementResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One result column as it travels: its name, its wire type name (the {@code column_types} entry)
 * and how its values are encoded.
 *
 * <p>Wire type names are Deeplake's for the kinds of value the SDK knows — {@code INT32},
 * {@code INT64}, {@code FLOAT32}, {@code FLOAT64}, {@code BOOL}, {@code TEXT}, {@code BINARY},
 * {@code JSON}, {@code EMBEDDING} (any 1-D float array) — and DuckDB's own name for anything else
 * ({@code TIMESTAMP WITH TIME ZONE}, {@code DECIMAL(5,2)}, {@code FLOAT[][]}, {@code UUID}...).
 * A result column carries no more than its storage type, so IMAGE and VIDEO columns are
 * {@code BINARY} here.
 *
 * @param name the column label
 * @param type the wire type name
 * @param encoding how values are written
 */
record WireColumn(String name, String type, Encoding encoding) {
    private static final Pattern FLOAT_VECTOR = Pattern.compile("(?:FLOAT|DOUBLE)\\[\\d*]");

    /** How values of a column are written. */
    enum Encoding {
        /** JSON number; little-endian int64 in frames. */
        INTEGER,
        /** JSON number; little-endian float32 in frames. */
        FLOAT32,
        /** JSON number; little-endian float64 in frames. */
        FLOAT64,
        /** JSON boolean; one byte in frames. */
        BOOL,
        /** JSON string; UTF-8 in frames. */
        TEXT,
        /** JSON string {@code "\\x<hex>"}; raw bytes in frames. */
        BINARY,
        /** The JSON value itself; its JSON text in frames. */
        JSON,
        /** JSON array of numbers; little-endian float32 values in frames. */
        VECTOR,
        /** Numbers, arrays and objects as JSON, anything else as a string; its JSON text in frames. */
        OTHER
    }

    /** @return the columns of a result set */
    static List<WireColumn> of(StatementResult result) {
        List<WireColumn> out = new ArrayList<>(result.columnNames().size());
        for (int i = 0; i < result.columnNames().size(); i++) {
            out.add(of(result.columnNames().get(i), result.columnTypes().get(i)));
        }
        return out;
    }

    /** @param duckType DuckDB's type name of the column */
    static WireColumn of(String name, String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> new WireColumn(name, "INT32", Encoding.INTEGER);
            case "BIGINT", "UINTEGER" -> new WireColumn(name, "INT64", Encoding.INTEGER);
            case "FLOAT" -> new WireColumn(name, "FLOAT32", Encoding.FLOAT32);
            case "DOUBLE" -> new WireColumn(name, "FLOAT64", Encoding.FLOAT64);
            case "BOOLEAN" -> new WireColumn(name, "BOOL", Encoding.BOOL);
            case "VARCHAR" -> new WireColumn(name, "TEXT", Encoding.TEXT);
            case "BLOB" -> new WireColumn(name, "BINARY", Encoding.BINARY);
            case "JSON" -> new WireColumn(name, "JSON", Encoding.JSON);
            default -> FLOAT_VECTOR.matcher(t).matches()
                    ? new WireColumn(name, "EMBEDDING", Encoding.VECTOR)
                    : new WireColumn(name, duckType, Encoding.OTHER);
        };
    }
}
