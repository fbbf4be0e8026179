package ai.deeplake.core.sql;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.TableError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.sf.jsqlparser.statement.create.table.ColDataType;

/**
 * Maps the type names of PostgreSQL and pg_deeplake ({@code IMAGE}, {@code EMBEDDING(384)},
 * {@code FLOAT4[]}, {@code CLASS_LABEL}...) to DuckDB types, and to the {@link ColumnType} a column
 * declared with them holds.
 *
 * <p>Types it does not know ({@code TIMESTAMP}, {@code DECIMAL(10,2)}...) are left as written: DuckDB
 * understands the PostgreSQL spellings of its own types. Note that, as in {@link ColumnType}, a bare
 * {@code FLOAT} is the 4-byte float (PostgreSQL would read it as {@code float8}).
 */
public final class DuckDbTypes {
    /** The DuckDB element type of every vector; also what {@code <#>} casts vectors to. */
    static final String VECTOR_ELEMENT = "FLOAT";

    /** Deeplake vector types; an optional size argument ({@code EMBEDDING(384)}) fixes the length. */
    private static final Set<String> VECTOR_TYPES = Set.of("EMBEDDING", "BOUNDING_BOX", "POINT", "POLYGON");
    /** Float spellings that, with {@code []}, declare a vector ({@code FLOAT4[384]}). */
    private static final Set<String> FLOAT4_NAMES = Set.of("FLOAT4", "FLOAT", "REAL", "FLOAT32");

    private DuckDbTypes() {
    }

    /**
     * Rewrites a parsed type in place to its DuckDB spelling; unknown types are left alone.
     *
     * @throws TableError for {@code FILE}, which is an ingestion directive, not a storable type
     */
    static void toDuckDb(ColDataType type) {
        String name = baseName(type);
        rejectFile(name);
        if (VECTOR_TYPES.contains(name)) {
            List<Integer> dimensions = new ArrayList<>();
            dimensions.add(sizeArgument(type));
            dimensions.addAll(arrayDimensions(type));
            rename(type, VECTOR_ELEMENT);
            type.setArrayData(dimensions);
        } else if (name.equals("DOUBLE PRECISION")) {
            rename(type, storageType(ColumnType.FLOAT64, 0));
        } else {
            ColumnType.of(name).ifPresent(t -> rename(type, storageType(t, 0)));
        }
    }

    /**
     * The one mapping from a Deeplake column type to the DuckDB type that stores it, used for SQL
     * DDL and casts here and by the engine when ingest creates tables.
     *
     * @param size the fixed length of a vector type, 0 for a variable-length list
     */
    public static String storageType(ColumnType type, int size) {
        return switch (type) {
            case TEXT, FILE -> "VARCHAR";
            case JSON -> "JSON";
            case INT32, CLASS_LABEL -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> VECTOR_ELEMENT;
            case FLOAT64 -> "DOUBLE";
            case BOOL -> "BOOLEAN";
            case BINARY, IMAGE, VIDEO, SEGMENT_MASK, BINARY_MASK, MESH, MEDICAL -> "BLOB";
            case EMBEDDING, BOUNDING_BOX, POINT, POLYGON -> VECTOR_ELEMENT + "[" + (size > 0 ? size : "") + "]";
        };
    }

    /**
     * @return the Deeplake column type a column declared with {@code type} holds, judged before
     *     {@link #toDuckDb}; empty for types with no Deeplake equivalent (timestamps, 2-D vectors...)
     */
    static Optional<ColumnType> columnType(ColDataType type) {
        String name = baseName(type);
        rejectFile(name);
        int rank = arrayDimensions(type).size();
        if (rank == 1 && FLOAT4_NAMES.contains(name)) {
            return Optional.of(ColumnType.EMBEDDING);
        }
        if (rank > 0) {
            return Optional.empty();
        }
        if (name.equals("DOUBLE PRECISION")) {
            return Optional.of(ColumnType.FLOAT64);
        }
        return ColumnType.of(name);
    }

    /**
     * @return the number of {@code []} of a DuckDB float array type ({@code FLOAT[3]} is 1,
     *     {@code FLOAT[3][]} is 2), 0 for any other type; for types already passed through {@link #toDuckDb}
     */
    static int vectorRank(ColDataType type) {
        return baseName(type).equals(VECTOR_ELEMENT) ? arrayDimensions(type).size() : 0;
    }

    /** @return the declared length of the innermost vector ({@code FLOAT[3][]} gives 3), or null */
    static Integer vectorLength(ColDataType type) {
        List<Integer> dimensions = arrayDimensions(type);
        return dimensions.isEmpty() ? null : dimensions.get(0);
    }

    /** @return the upper-case type name without arguments: {@code "VARCHAR (20)"} gives {@code VARCHAR} */
    static String baseName(ColDataType type) {
        String name = type.getDataType() == null ? "" : type.getDataType();
        int paren = name.indexOf('(');
        if (paren >= 0) {
            name = name.substring(0, paren);
        }
        return name.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static void rejectFile(String name) {
        if (name.equals(ColumnType.FILE.name())) {
            throw fileIsNotAType();
        }
    }

    /** @return the error for {@code FILE} declared as a column's type */
    static TableError fileIsNotAType() {
        return new TableError("FILE is an ingestion directive, not a column type: declare the columns"
                + " the file's chunker produces instead");
    }

    private static void rename(ColDataType type, String duckDbName) {
        type.setDataType(duckDbName);
        type.setArgumentsStringList(null);
    }

    private static List<Integer> arrayDimensions(ColDataType type) {
        return type.getArrayData() == null ? List.of() : type.getArrayData();
    }

    /** @return the size argument of {@code EMBEDDING(384)}, or null when there is none */
    private static Integer sizeArgument(ColDataType type) {
        List<String> arguments = type.getArgumentsStringList();
        String size = arguments != null && !arguments.isEmpty() ? arguments.get(0) : null;
        String written = type.getDataType();
        if (size == null && written != null && written.indexOf('(') >= 0) {
            size = written.substring(written.indexOf('(') + 1).replace(")", "");
        }
        if (size == null) {
            return null;
        }
        try {
            int length = Integer.parseInt(size.trim());
            if (length > 0) {
                return length;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new TableError("Vector size must be a positive integer, got " + baseName(type) + "(" + size + ")");
    }
}
