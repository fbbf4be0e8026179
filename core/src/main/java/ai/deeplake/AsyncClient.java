package ai.deeplake;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The {@link Client}'s methods as {@link CompletableFuture}s, in both modes. Remote queries run on
 * OkHttp's asynchronous calls, so no thread waits on a request; embedded work (queries, and ingest in
 * every mode, which reads and chunks files) runs on a shared pool of daemon threads.
 *
 * <pre>{@code
 * try (AsyncClient async = AsyncClient.create()) {
 *     async.query("SELECT COUNT(*) AS n FROM docs").thenAccept(rows -> System.out.println(rows.get(0).getLong("n")));
 * }
 * }</pre>
 */
public final class AsyncClient implements AutoCloseable {
    /** Where blocking work of every AsyncClient runs; daemon threads, created as needed. */
    static final ExecutorService BLOCKING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "deeplake-async");
        t.setDaemon(true);
        return t;
    });

    private final Client client;

    private AsyncClient(Client client) {
        this.client = client;
    }

    /** @return an async client configured like {@link Client#create()} */
    public static AsyncClient create() {
        return new AsyncClient(Client.create());
    }

    /** @return an async view of a configured client; closing it closes the client */
    public static AsyncClient of(Client client) {
        return new AsyncClient(client);
    }

    /** @return the blocking client underneath */
    public Client client() {
        return client;
    }

    private static <T> CompletableFuture<T> blocking(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, BLOCKING);
    }

    /** @see Client#ingest(String, Map) */
    public CompletableFuture<IngestResult> ingest(String table, Map<String, ?> data) {
        return blocking(() -> client.ingest(table, data));
    }

    /** @see Client#ingest(String, Map, IngestOptions) */
    public CompletableFuture<IngestResult> ingest(String table, Map<String, ?> data, IngestOptions options) {
        return blocking(() -> client.ingest(table, data, options));
    }

    /** @see Client#ingest(String, IngestOptions) */
    public CompletableFuture<IngestResult> ingest(String table, IngestOptions options) {
        return blocking(() -> client.ingest(table, options));
    }

    /** @see Client#query(String, Object...) */
    public CompletableFuture<List<Row>> query(String sql, Object... params) {
        return query(sql, params == null ? List.of() : Arrays.asList(params), Client.DEFAULT_TIMEOUT);
    }

    /** @see Client#query(String, List, Duration) */
    public CompletableFuture<List<Row>> query(String sql, List<?> params, Duration timeout) {
        return client.queryAsync(sql, params, timeout, BLOCKING);
    }

    /** @return a fluent query; run it with {@link QueryBuilder#executeAsync()} */
    public QueryBuilder table(String table) {
        return client.table(table);
    }

    /** @see Client#listTables() */
    public CompletableFuture<List<String>> listTables() {
        return blocking(client::listTables);
    }

    /** @see Client#dropTable(String) */
    public CompletableFuture<Void> dropTable(String table) {
        return dropTable(table, true);
    }

    /** @see Client#dropTable(String, boolean) */
    public CompletableFuture<Void> dropTable(String table, boolean ifExists) {
        return blocking(() -> {
            client.dropTable(table, ifExists);
            return null;
        });
    }

    /** @see Client#createIndex(String, String) */
    public CompletableFuture<Void> createIndex(String table, String column) {
        return blocking(() -> {
            client.createIndex(table, column);
            return null;
        });
    }

    /** Closes the client underneath. */
    @Override
    public void close() {
        client.close();
    }
}
