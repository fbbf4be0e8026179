package ai.deeplake.core.sql;

/**
 * A nearest-neighbour search a statement makes, {@code column <#> vector}, as far as an index needs it.
 * The statement itself computes the exact cosine similarity of the rows it reads.
 *
 * @param table the table (unquoted)
 * @param column the EMBEDDING column (unquoted)
 * @param query the query vector
 */
public record VectorSearch(String table, String column, float[] query) {
}
