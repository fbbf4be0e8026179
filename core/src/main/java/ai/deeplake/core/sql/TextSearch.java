package ai.deeplake.core.sql;

/**
 * A BM25 search a statement makes, {@code column <#> 'query'}: the engine asks the column's text index
 * for scores and hands them to the statement as a relation {@code (i, s)} of row id and score.
 *
 * @param id numbers the searches of one statement; equal searches share one id
 * @param table the table (unquoted)
 * @param column the TEXT column (unquoted)
 * @param query the query text, analysed like the column
 * @param parameter the {@code $n} the query text is, 0 when the statement writes it out
 */
public record TextSearch(int id, String table, String column, String query, int parameter) {

    /** @return this search for another call's values of the statement's parameters */
    TextSearch bind(QueryParams values) {
        return parameter == 0 ? this : new TextSearch(id, table, column, values.text(parameter), parameter);
    }
}
