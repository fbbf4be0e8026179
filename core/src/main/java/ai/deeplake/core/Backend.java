package ai.deeplake.core;

import ai.deeplake.Row;
import ai.deeplake.api.Schema;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where a {@link ai.deeplake.Client}'s tables live: the embedded engine or a remote server. The
 * client, the ingestion pipeline and the query builder are the same in both modes; only this differs.
 */
public interface Backend extends AutoCloseable {

    /** @return the workspace this backend serves */
    String workspace();

    /** Runs one SQL statement of the PostgreSQL + pg_deeplake dialect with {@code $n} parameters. */
    List<Row> query(String sql, List<Object> params, Duration timeout);

    /**
     * Runs a statement without blocking the caller: on {@code blocking} by default, on the network
     * client's own asynchronous calls where a backend has them.
     */
    default CompletableFuture<List<Row>> queryAsync(String sql, List<Object> params, Duration timeout, Executor blocking) {
        return CompletableFuture.supplyAsync(() -> query(sql, params, timeout), blocking);
    }

    /**
     * Streams a query's result as columnar batches of up to {@code batchSize} rows, read from storage
     * as the cursor is iterated (never the whole result at once).
     */
    BatchCursor scan(String sql, List<Object> params, int batchSize);

    /** @return the workspace's table names, sorted */
    List<String> listTables();

    /** Drops a table and everything derived from it; a missing table is an error unless {@code ifExists}. */
    void dropTable(String table, boolean ifExists);

    /** Creates a {@code deeplake_index} on a column; a no-op when it exists. */
    void createIndex(String table, String column);

    /** @return the table's columns (without the engine's {@code _id}), when the table exists */
    Optional<Schema> tableSchema(String table);

    /**
     * Opens a writer that appends rows of {@code schema} to {@code table}, creating the table when it
     * does not exist and adding columns the table lacks.
     *
     * @throws ai.deeplake.api.IngestError when a column exists with an incompatible type
     */
    TableWriter openWriter(String table, Schema schema);

    @Override
    void close();
}
