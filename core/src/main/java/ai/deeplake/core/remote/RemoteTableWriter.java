package ai.deeplake.core.remote;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends rows through {@code /tables/query/batch}: one parameterised INSERT run for up to
 * {@link #ROWS_PER_CALL} parameter rows per call, binary values as {@code decode($n, 'hex')}, vectors
 * as {@code $n::FLOAT4[]}. Each call is its own transaction on the server; one is in flight at a time
 * (the next batch is prepared meanwhile), so rows are stored in the ingest's order, and a commit
 * waits for it, so what it reports is durable.
 */
final class RemoteTableWriter implements TableWriter {
    static final String ROW_ID = "_id";
    static final int ROWS_PER_CALL = 200;
    private static final int IN_FLIGHT = 1;
    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

    private final RemoteBackend backend;
    private final String table;
    private final List<Column> columns;
    private final boolean created;
    private final List<String> addedColumns;
    private final String insert;
    private final RowIds ids = new RowIds();
    private final Deque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
    private final AtomicLong durable = new AtomicLong();
    private List<List<Object>> pending = new ArrayList<>();
    private long rows;

    /**
     * @param created whether this ingest created the table (then abort drops it when left empty)
     * @param addedColumns the columns this ingest added to an existing table (abort drops those left all null)
     */
    RemoteTableWriter(RemoteBackend backend, String table, Schema schema, boolean created, List<String> addedColumns) {
        this.backend = backend;
        this.table = table;
        this.columns = schema.columns();
        this.created = created;
        this.addedColumns = List.copyOf(addedColumns);
        StringBuilder names = new StringBuilder(Sql.quote(ROW_ID));
        StringBuilder values = new StringBuilder("$1");
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            names.append(", ").append(Sql.quote(c.name()));
            String p = "$" + (i + 2);
            values.append(", ").append(switch (c.type().kind()) {
                case BYTES -> "decode(" + p + ", 'hex')";
                case VECTOR -> p + "::FLOAT4[]";
                default -> c.type() == ai.deeplake.api.ColumnType.JSON ? p + "::JSON" : p;
            });
        }
        this.insert = "INSERT INTO " + Sql.quote(table) + " (" + names + ") VALUES (" + values + ")";
    }

    @Override
    public long write(Batch batch, int from, int to) {
        long first = rows;
        for (int row = from; row < to; row++) {
            List<Object> params = new ArrayList<>(columns.size() + 1);
            params.add(ids.id(rows++));
            for (Column c : columns) {
                params.add(batch.has(c.name()) ? wire(batch.value(c.name(), row)) : null);
            }
            pending.add(params);
            if (pending.size() >= ROWS_PER_CALL) {
                send();
            }
        }
        return first;
    }

    private static Object wire(Object value) {
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
    }

    private void send() {
        if (pending.isEmpty()) {
            return;
        }
        List<List<Object>> calls = pending;
        pending = new ArrayList<>();
        while (inFlight.size() >= IN_FLIGHT) {
            await(inFlight.poll());
        }
        inFlight.add(backend.batch(insert, calls, CALL_TIMEOUT).thenRun(() -> durable.addAndGet(calls.size())));
    }

    private void await(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new IngestError("Writing to table '" + table + "' failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public String rowId(long row) {
        return ids.id(row);
    }

    @Override
    public long commit() {
        send();
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        return durable.get();
    }

    @Override
    public long finish() {
        return commit();
    }

    @Override
    public void abort() {
        pending.clear();
        for (CompletableFuture<?> call : inFlight) {
            // Failed calls are why we abort; the rows of any that succeeded are deleted below.
            call.handle((ok, failed) -> null).join();
        }
        inFlight.clear();
        Duration t = Duration.ofMinutes(1);
        backend.query("DELETE FROM " + Sql.quote(table) + " WHERE " + Sql.quote(ROW_ID) + " LIKE $1", List.of(ids.prefix() + "%"), t);
        if (created && backend.query("SELECT COUNT(*) AS n FROM " + Sql.quote(table), List.of(), t).get(0).getLong("n") == 0) {
            backend.dropTable(table, true);
        }
        for (String column : addedColumns) {
            // Another ingest running at the same time may have filled the column: then it stays.
            if (backend.query("SELECT COUNT(" + Sql.quote(column) + ") AS n FROM " + Sql.quote(table), List.of(), t).get(0).getLong("n") == 0) {
                backend.query("ALTER TABLE " + Sql.quote(table) + " DROP COLUMN " + Sql.quote(column), List.of(), t);
            }
        }
    }

    @Override
    public void close() {
        // Nothing is held open: calls finish or are awaited by finish() and abort().
    }
}
