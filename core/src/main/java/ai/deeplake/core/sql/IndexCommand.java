package ai.deeplake.core.sql;

/**
 * A search-index statement for the engine to carry out itself: {@code CREATE INDEX ... USING
 * deeplake_index (column)} or {@code DROP INDEX}. DuckDB never sees these.
 *
 * @param name the index name; for {@code CREATE INDEX} without one, {@code <table>_<column>_idx}
 * @param table the indexed table (unquoted); null for {@code DROP INDEX}, which names only the index
 * @param column the indexed column (unquoted); null for {@code DROP INDEX}
 * @param ifNotExists {@code CREATE INDEX IF NOT EXISTS}: an existing index is not an error
 * @param ifExists {@code DROP INDEX IF EXISTS}: a missing index is not an error
 */
public record IndexCommand(String name, String table, String column, boolean ifNotExists, boolean ifExists) {
}
