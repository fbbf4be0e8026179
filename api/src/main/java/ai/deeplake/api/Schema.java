package ai.deeplake.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered columns of a table, or of the rows a {@link Chunker} or {@link Format} yields.
 *
 * @param columns the columns in order; names are unique
 */
public record Schema(List<Column> columns) {

    /**
     * One column.
     *
     * @param name column name
     * @param type column type
     * @param size the fixed vector length of an {@link ColumnType#EMBEDDING} column, 0 when unknown or
     *     not a fixed-size type
     */
    public record Column(String name, ColumnType type, int size) {
        public Column {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("column name must not be empty");
            }
            if (type == null) {
                throw new IllegalArgumentException("column '" + name + "' has no type");
            }
            if (size < 0) {
                throw new IllegalArgumentException("column '" + name + "' has a negative size");
            }
        }

        /** @return the type as written in a schema, with the size for fixed-size vectors ({@code EMBEDDING(384)}) */
        public String typeName() {
            return size > 0 ? type.name() + "(" + size + ")" : type.name();
        }
    }

    public Schema {
        columns = List.copyOf(columns);
        Map<String, Column> seen = new LinkedHashMap<>();
        for (Column c : columns) {
            if (seen.put(c.name(), c) != null) {
                throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
            }
        }
    }

    /** @return a schema of the given columns and types, in the map's iteration order */
    public static Schema of(Map<String, ColumnType> types) {
        Builder b = builder();
        types.forEach(b::add);
        return b.build();
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the column of that name */
    public Optional<Column> column(String name) {
        for (Column c : columns) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** @return the column names in order */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        columns.forEach(c -> names.add(c.name()));
        return Collections.unmodifiableList(names);
    }

    /** @return the names of the columns of the given type, in order */
    public List<String> namesOf(ColumnType type) {
        return columns.stream().filter(c -> c.type() == type).map(Column::name).toList();
    }

    /** @return the number of columns */
    public int size() {
        return columns.size();
    }

    /** Builds a {@link Schema} column by column. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();

        private Builder() {}

        /** Adds a column of a type with no fixed size. */
        public Builder add(String name, ColumnType type) {
            return add(name, type, 0);
        }

        /** Adds a column; {@code size} is the vector length of a fixed-size vector column. */
        public Builder add(String name, ColumnType type, int size) {
            columns.add(new Column(name, type, size));
            return this;
        }

        /** Adds every column of another schema. */
        public Builder addAll(Schema other) {
            columns.addAll(other.columns());
            return this;
        }

        public Schema build() {
            return new Schema(columns);
        }
    }
}
