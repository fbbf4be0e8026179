package ai.deeplake.core.remote;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends rows to a remote table in calls, each its own transaction on the server, sent by a
 * {@link Wire}: parameterised INSERTs through {@code /tables/query/batch} (any Deeplake API), or
 * binary frames to our own server's ingest endpoint when it advertises one. One call is in flight
 * at a time while the next is prepared, so rows are stored in the ingest's order. A block's rows
 * count as durable once the call holding its last row is answered, as in embedded mode where a
 * commit lands in the background; {@link #finish()} waits for every call.
 */
final class RemoteTableWriter implements TableWriter {
    static final String ROW_ID = "_id";
    private static final int IN_FLIGHT = 1;

    /** How buffered rows travel to the server. */
    interface Wire {
        /** Buffers rows {@code [from, to)} of a batch; the first is row {@code firstRow} of the ingest. */
        void add(Batch batch, int from, int to, long firstRow);

        /** @return whether rows {@code batch} holds can join the buffered ones in one call */
        boolean accepts(Batch batch);

        /** @return whether a whole call's worth of rows is buffered */
        boolean full();

        /** @return whether any rows are buffered */
        boolean isEmpty();

        /** Sends buffered rows (up to one call's worth) and forgets them. @return the call */
        CompletableFuture<?> send();
    }

    private final RemoteBackend backend;
    private final String table;
    private final boolean created;
    private final List<String> addedColumns;
    private final RowIds ids;
    private final Wire wire;
    private final Deque<CompletableFuture<?>> inFlight = new ArrayDeque<>();
    private final AtomicLong durable = new AtomicLong();
    private long rows;

    /**
     * @param created whether this ingest created the table (then abort drops it when left empty)
     * @param addedColumns the columns this ingest added to an existing table (abort drops those left all null)
     * @param ids the row ids {@code wire} gives
     */
    RemoteTableWriter(RemoteBackend backend, String table, boolean created, List<String> addedColumns, RowIds ids, Wire wire) {
        this.backend = backend;
        this.table = table;
        this.created = created;
        this.addedColumns = List.copyOf(addedColumns);
        this.ids = ids;
        this.wire = wire;
    }

    @Override
    public long write(Batch batch, int from, int to) {
        if (!wire.accepts(batch)) {
            dispatch(false);
        }
        long first = rows;
        rows += to - from;
        wire.add(batch, from, to, first);
        while (wire.full()) {
            dispatch(false);
        }
        return first;
    }

    /** Sends one call's worth of what is buffered, or all of it (in as many calls as it takes). */
    private void dispatch(boolean all) {
        while (!wire.isEmpty()) {
            while (inFlight.size() >= IN_FLIGHT) {
                await(inFlight.poll());
            }
            inFlight.add(wire.send());
            if (!all) {
                return;
            }
        }
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
        dispatch(true);
        // The last call sent holds the block's last row: once it is answered, the block is durable.
        long through = rows;
        CompletableFuture<?> last = inFlight.pollLast();
        if (last == null) {
            durable.set(through);
        } else {
            inFlight.add(last.thenRun(() -> durable.set(through)));
        }
        return durable.get();
    }

    @Override
    public long finish() {
        commit();
        while (!inFlight.isEmpty()) {
            await(inFlight.poll());
        }
        return durable.get();
    }

    @Override
    public void abort() {
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
