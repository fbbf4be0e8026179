package ai.deeplake.core.sql;

/**
 * A BM25 search a statement makes, {@code column <#> 'query'}: the engine asks the column's text index
 * for scores and hands them to the statement as a relation {@code (i, s)} of row id and score.
 *
 * @param id numbers the searches of one statement; equal searches share one id
 * @param table the table (unquoted)
 * @param column the TEXT column (unquoted)
 * @param query the query text, analysed like the column
 */
public record TextSearch(int id, String table, String column, String query) {
}
