package ai.deeplake.core.remote;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Schema.Column;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the column types a remote server reports in {@code information_schema.columns} (PostgreSQL or
 * DuckDB spellings) as Deeplake types, closely enough to check an append: binary, vector, text,
 * integer and float kinds, and vector sizes where the server states them.
 */
final class PgTypes {
    private static final Pattern FIXED = Pattern.compile("(?:FLOAT|REAL|FLOAT4)\\[(\\d+)]");

    private PgTypes() {}

    static Column column(String name, String dataType) {
        String t = dataType == null ? "" : dataType.trim().toUpperCase(Locale.ROOT);
        Matcher fixed = FIXED.matcher(t);
        if (fixed.matches()) {
            return new Column(name, ColumnType.EMBEDDING, Integer.parseInt(fixed.group(1)));
        }
        ColumnType type;
        if (t.endsWith("[]") || t.equals("ARRAY") || t.startsWith("_FLOAT")) {
            type = ColumnType.EMBEDDING;
        } else {
            type = switch (t) {
                case "BYTEA", "BLOB" -> ColumnType.BINARY;
                case "BIGINT", "INT8", "HUGEINT" -> ColumnType.INT64;
                case "INTEGER", "INT4", "INT", "SMALLINT", "INT2" -> ColumnType.INT32;
                case "DOUBLE", "DOUBLE PRECISION", "FLOAT8" -> ColumnType.FLOAT64;
                case "FLOAT", "REAL", "FLOAT4" -> ColumnType.FLOAT32;
                case "BOOLEAN", "BOOL" -> ColumnType.BOOL;
                case "JSON", "JSONB" -> ColumnType.JSON;
                default -> ColumnType.of(t).orElse(ColumnType.TEXT);
            };
        }
        return new Column(name, type, 0);
    }
}
