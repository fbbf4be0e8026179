package ai.deeplake.core.sql;

/**
 * A nearest-neighbour search a statement makes, {@code column <#> vector}, as far as an index needs it.
 * The statement itself computes the exact cosine similarity of the rows it reads.
 *
 * @param table the table (unquoted)
 * @param column the EMBEDDING column (unquoted)
 * @param query the query vector
 * @param parameter the {@code $n} the query vector is, 0 when the statement writes it out
 */
public record VectorSearch(String table, String column, float[] query, int parameter) {

    /** @return this search for another call's values of the statement's parameters */
    VectorSearch bind(QueryParams values) {
        return parameter == 0 ? this : new VectorSearch(table, column, values.vector(parameter), parameter);
    }
}
