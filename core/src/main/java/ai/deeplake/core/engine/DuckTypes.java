package ai.deeplake.core.engine;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Schema.Column;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads stored DuckDB columns back as Deeplake columns (the other direction is
 * {@link ai.deeplake.core.sql.DuckDbTypes#storageType}). DuckDB forgets type aliases
 * (an IMAGE column reads back as BLOB), so the Deeplake type is kept in the column's comment as
 * {@code deeplake:IMAGE}; a column without that comment (made by plain SQL) is typed from its DuckDB
 * type.
 */
final class DuckTypes {
    static final String COMMENT_PREFIX = "deeplake:";
    private static final Pattern FIXED_ARRAY = Pattern.compile("(?:FLOAT|REAL|FLOAT4)\\[(\\d+)]");

    private DuckTypes() {}

    /** @return the comment that records a column's Deeplake type */
    static String comment(Column column) {
        return COMMENT_PREFIX + column.type().name();
    }

    /**
     * Reads a stored column back as a Deeplake column.
     *
     * @param duckType DuckDB's {@code data_type} of the column
     * @param comment the column comment, possibly null
     */
    static Column column(String name, String duckType, String comment) {
        String upper = duckType.toUpperCase(Locale.ROOT);
        Matcher fixed = FIXED_ARRAY.matcher(upper);
        int size = fixed.matches() ? Integer.parseInt(fixed.group(1)) : 0;
        ColumnType type = fromComment(comment).orElseGet(() -> fromStorage(upper));
        return new Column(name, type, type.isVector() ? size : 0);
    }

    private static Optional<ColumnType> fromComment(String comment) {
        if (comment == null || !comment.startsWith(COMMENT_PREFIX)) {
            return Optional.empty();
        }
        return ColumnType.of(comment.substring(COMMENT_PREFIX.length()));
    }

    private static ColumnType fromStorage(String upper) {
        if (upper.endsWith("]")) {
            return ColumnType.EMBEDDING;
        }
        return switch (upper) {
            case "INTEGER", "SMALLINT", "TINYINT", "USMALLINT", "UTINYINT" -> ColumnType.INT32;
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT" -> ColumnType.INT64;
            case "FLOAT" -> ColumnType.FLOAT32;
            case "DOUBLE" -> ColumnType.FLOAT64;
            case "BOOLEAN" -> ColumnType.BOOL;
            case "BLOB" -> ColumnType.BINARY;
            case "JSON" -> ColumnType.JSON;
            default -> upper.startsWith("DECIMAL") ? ColumnType.FLOAT64 : ColumnType.TEXT;
        };
    }
}
