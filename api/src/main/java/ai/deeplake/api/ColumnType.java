package ai.deeplake.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The column types of a Deeplake table. Names are the ones the seed SDKs and pg_deeplake use, so a
 * schema written for Python ({@code {"embedding": "EMBEDDING"}}) reads the same in Java.
 *
 * <p>{@link #FILE} is a directive, not a stored type: a FILE column holds paths that are handed to a
 * {@link Chunker}, which decides the columns actually stored.
 */
public enum ColumnType {
    TEXT(Kind.TEXT),
    INT32(Kind.INTEGER),
    INT64(Kind.INTEGER),
    FLOAT32(Kind.FLOAT32),
    FLOAT64(Kind.FLOAT64),
    BOOL(Kind.BOOLEAN),
    BINARY(Kind.BYTES),
    IMAGE(Kind.BYTES),
    VIDEO(Kind.BYTES),
    /** A fixed-size float vector per row (the size is fixed per column). */
    EMBEDDING(Kind.VECTOR),
    SEGMENT_MASK(Kind.BYTES),
    BINARY_MASK(Kind.BYTES),
    BOUNDING_BOX(Kind.VECTOR),
    CLASS_LABEL(Kind.INTEGER),
    POLYGON(Kind.VECTOR),
    POINT(Kind.VECTOR),
    MESH(Kind.BYTES),
    MEDICAL(Kind.BYTES),
    JSON(Kind.TEXT),
    /** Paths of files to chunk; never stored. */
    FILE(Kind.TEXT);

    /** How values of a type are held in memory, which decides the array type of a {@link Batch} column. */
    public enum Kind {
        /** {@code String[]} */
        TEXT,
        /** {@code long[]} */
        INTEGER,
        /** {@code float[]} */
        FLOAT32,
        /** {@code double[]} */
        FLOAT64,
        /** {@code boolean[]} */
        BOOLEAN,
        /** {@code byte[][]} */
        BYTES,
        /** {@code float[][]} */
        VECTOR
    }

    private static final Map<String, ColumnType> ALIASES = Map.ofEntries(
            Map.entry("STRING", TEXT), Map.entry("VARCHAR", TEXT),
            Map.entry("INT", INT32), Map.entry("INTEGER", INT32), Map.entry("INT4", INT32),
            Map.entry("BIGINT", INT64), Map.entry("INT8", INT64),
            Map.entry("FLOAT", FLOAT32), Map.entry("FLOAT4", FLOAT32), Map.entry("REAL", FLOAT32),
            Map.entry("DOUBLE", FLOAT64), Map.entry("FLOAT8", FLOAT64),
            Map.entry("BOOLEAN", BOOL), Map.entry("BYTEA", BINARY), Map.entry("BLOB", BINARY),
            Map.entry("JSONB", JSON));

    private final Kind kind;

    ColumnType(Kind kind) {
        this.kind = kind;
    }

    /** @return how values of this type are held in memory */
    public Kind kind() {
        return kind;
    }

    /** @return true for types stored as bytes (binary, media, masks) */
    public boolean isBinary() {
        return kind == Kind.BYTES;
    }

    /** @return true for float-array types ({@code float4[]}) */
    public boolean isVector() {
        return kind == Kind.VECTOR;
    }

    /**
     * Looks a type up by name, case-insensitively; common PostgreSQL spellings ({@code int4},
     * {@code bytea}, {@code float8}...) are accepted too.
     *
     * @return the type, or empty when the name is not a type
     */
    public static Optional<ColumnType> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.trim().toUpperCase(Locale.ROOT);
        try {
            return Optional.of(valueOf(key));
        } catch (IllegalArgumentException notAName) {
            return Optional.ofNullable(ALIASES.get(key));
        }
    }
}
