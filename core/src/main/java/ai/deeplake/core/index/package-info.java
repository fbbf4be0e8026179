/**
 * Search indexes ({@code deeplake_index}): Lucene HNSW for EMBEDDING columns and Lucene BM25 for TEXT
 * columns, one folder per index under the workspace's {@code indexes/<table>/<column>/}.
 *
 * <p>Indexes are derived data: each Lucene document is a table row (its {@code _id}, the DuckDB hash of
 * its value, the value), and {@link ai.deeplake.core.index.IndexCatalog} brings an index up to date
 * with its table before it answers, so that a search never names a row the table does not have and
 * finds rows added since the index was built. A missing or unreadable index folder is rebuilt from
 * the table.
 */
package ai.deeplake.core.index;
