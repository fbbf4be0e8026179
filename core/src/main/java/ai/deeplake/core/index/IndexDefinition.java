package ai.deeplake.core.index;

/**
 * A {@code deeplake_index} as registered.
 *
 * @param name the index name ({@code DROP INDEX name})
 * @param table the table, as DuckDB stores its name
 * @param column the column, as DuckDB stores its name
 * @param kind how it indexes the column
 */
public record IndexDefinition(String name, String table, String column, IndexKind kind) {
}
