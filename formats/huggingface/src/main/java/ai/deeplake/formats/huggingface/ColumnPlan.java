package ai.deeplake.formats.huggingface;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How one Parquet column becomes a table column: its Deeplake type and the DuckDB expression that
 * reads it. Decided from the dataset's feature (HuggingFace's {@code _type}: Image, Audio,
 * ClassLabel, Sequence/List, Value) when the file records one, else from the DuckDB type.
 *
 * @param name the column name, the same in the file and the table
 * @param type the Deeplake type
 * @param select the DuckDB expression giving the value in the form {@link #type} is read in
 * @param size the vector length of an EMBEDDING the features fix, else 0
 * @param labelNames a ClassLabel's names by label, else empty
 */
record ColumnPlan(String name, ColumnType type, String select, int size, List<String> labelNames) {
    /** A float vector column: FLOAT[], DOUBLE[4]... */
    private static final Pattern FLOAT_LIST = Pattern.compile("(FLOAT|DOUBLE|REAL)(\\[\\d*])");
    /** A HuggingFace Image or Audio column as the converter writes it (matched against the upper-cased type). */
    private static final Pattern MEDIA_STRUCT = Pattern.compile("STRUCT\\(\"?BYTES\"? BLOB, \"?PATH\"? VARCHAR\\)");

    /** @return the name of the TEXT column holding a CLASS_LABEL's names, row by row */
    static String labelNameColumn(String labelColumn) {
        return labelColumn + "_name";
    }

    /**
     * @param duckType the column's type as DuckDB describes it
     * @param feature the column's HuggingFace feature, or null when the file records none
     * @throws IngestError when a ClassLabel feature is not on an integer column
     */
    static ColumnPlan of(String dataset, String name, String duckType, JsonNode feature) {
        String column = quote(name);
        String type = duckType.toUpperCase(Locale.ROOT);
        String featureType = feature == null ? "" : feature.path("_type").asText("");
        if (featureType.equals("Image") || (feature == null && MEDIA_STRUCT.matcher(type).matches())) {
            return new ColumnPlan(name, ColumnType.IMAGE, column + ".bytes", 0, List.of());
        }
        if (featureType.equals("Audio")) {
            return new ColumnPlan(name, ColumnType.BINARY, column + ".bytes", 0, List.of());
        }
        if (featureType.equals("ClassLabel")) {
            if (!isInteger(type)) {
                throw new IngestError("HuggingFace dataset '" + dataset + "': ClassLabel column '" + name + "' holds " + duckType
                        + ", not integers");
            }
            List<String> names = new ArrayList<>();
            feature.path("names").forEach(n -> names.add(n.asText()));
            return new ColumnPlan(name, ColumnType.CLASS_LABEL, "CAST(" + column + " AS BIGINT)", 0, List.copyOf(names));
        }
        if (FLOAT_LIST.matcher(type).matches()) {
            int length = feature == null ? 0 : Math.max(0, feature.path("length").asInt(0));
            return new ColumnPlan(name, ColumnType.EMBEDDING, "CAST(" + column + " AS FLOAT[])", length, List.of());
        }
        return switch (type) {
            case "BOOLEAN" -> new ColumnPlan(name, ColumnType.BOOL, column, 0, List.of());
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" ->
                    new ColumnPlan(name, ColumnType.INT32, "CAST(" + column + " AS BIGINT)", 0, List.of());
            case "BIGINT", "UINTEGER", "UBIGINT", "HUGEINT" ->
                    new ColumnPlan(name, ColumnType.INT64, "CAST(" + column + " AS BIGINT)", 0, List.of());
            case "FLOAT" -> new ColumnPlan(name, ColumnType.FLOAT32, column, 0, List.of());
            case "DOUBLE" -> new ColumnPlan(name, ColumnType.FLOAT64, column, 0, List.of());
            case "VARCHAR" -> new ColumnPlan(name, ColumnType.TEXT, column, 0, List.of());
            case "BLOB" -> new ColumnPlan(name, ColumnType.BINARY, column, 0, List.of());
            default -> type.startsWith("DECIMAL")
                    ? new ColumnPlan(name, ColumnType.FLOAT64, "CAST(" + column + " AS DOUBLE)", 0, List.of())
                    : isNested(type)
                            // Lists of text, nested structs, maps: kept whole, as JSON.
                            ? new ColumnPlan(name, ColumnType.JSON, "CAST(to_json(" + column + ") AS VARCHAR)", 0, List.of())
                            // Dates, times, timestamps, UUIDs...: their text form.
                            : new ColumnPlan(name, ColumnType.TEXT, "CAST(" + column + " AS VARCHAR)", 0, List.of());
        };
    }

    private static boolean isInteger(String type) {
        return List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT").contains(type);
    }

    private static boolean isNested(String type) {
        return type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION");
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
