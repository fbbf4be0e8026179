package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends batches to a DuckDB table through native appenders, one transaction per block, the blocks
 * spread over {@link #LANES} connections that append and commit in parallel. Every row gets an
 * {@code _id} sharing this call's prefix and counting its rows in ingest order; that prefix is what
 * {@link #abort()} deletes.
 */
final class DuckTableWriter implements TableWriter {
    /** Hears about the rows this writer commits and undoes (the search indexes must catch up). */
    interface Listener {
        /** A block of rows, whose {@code _id}s start with {@code idPrefix}, is committed. */
        void committed(String idPrefix);

        /** The writer removed what it had committed. */
        void undone();
    }

    /** Appends the value at a row of one batch column. */
    @FunctionalInterface
    private interface ValueAppender {
        void append(DuckDBAppender appender, int row) throws SQLException;
    }

    /**
     * Blocks are appended and committed on this many connections at once. Measured on 2 cores
     * (DuckDB 2.0, 384-d vectors): most of an append is DuckDB's own work on one core, and two
     * writers take 1.5x the rows of one.
     */
    static final int LANES = Math.min(2, Runtime.getRuntime().availableProcessors());

    private final DuckDBConnection database;
    private final String table;
    private final List<StoredColumn> columns;
    private final boolean created;
    private final List<String> addedColumns;
    private final Listener listener;
    private final RowIds ids;
    private final Lane[] lanes = new Lane[LANES];
    private final AtomicLong durable = new AtomicLong();
    private int current;
    private long rows;
    private long blockRows;
    private CompletableFuture<Void> lastCommit = CompletableFuture.completedFuture(null);

    /**
     * @param database a connection to duplicate for each lane (not closed here)
     * @param columns the table's columns in storage order, {@code _id} included
     * @param created whether this ingest created the table (then abort drops it when left empty)
     * @param addedColumns the columns this ingest added to an existing table (abort drops those left all null)
     * @param ids the ingest's row ids
     * @param firstRow the number of the first row this writer writes within the ingest (0 but for
     *     an ingest continued from elsewhere)
     */
    DuckTableWriter(DuckDBConnection database, String table, List<StoredColumn> columns, boolean created,
            List<String> addedColumns, RowIds ids, long firstRow, Listener listener) {
        this.database = database;
        this.ids = ids;
        this.rows = firstRow;
        this.table = table;
        this.columns = columns;
        this.created = created;
        this.addedColumns = List.copyOf(addedColumns);
        this.listener = listener;
    }

    /** A table column: its Deeplake type and the DuckDB type the appender insists on. */
    record StoredColumn(Column column, String duckType) {
        boolean isRowId() {
            return column.name().equals(EmbeddedBackend.ROW_ID);
        }
    }

    @Override
    public long write(Batch batch, int from, int to) {
        Lane lane = lane(current);
        long first = rows;
        rows += to - from;
        blockRows += to - from;
        lane.submit(() -> lane.append(batch, from, to, first));
        return first;
    }

    @Override
    public String rowId(long row) {
        return ids.id(row);
    }

    @Override
    public long commit() {
        if (blockRows > 0) {
            long block = blockRows;
            blockRows = 0;
            Lane lane = lane(current);
            CompletableFuture<Void> previous = lastCommit;
            CompletableFuture<Void> committed = new CompletableFuture<>();
            lastCommit = committed;
            lane.submit(() -> {
                // Blocks append in parallel but commit in order, so the table's storage order is the
                // ingest's order (what a Dataset reads without sorting).
                lane.appendDone(previous);
                try {
                    lane.commitBlock();
                    durable.addAndGet(block);
                    listener.committed(ids.prefix());
                    committed.complete(null);
                } catch (RuntimeException e) {
                    committed.completeExceptionally(e);
                    throw e;
                }
            });
            current = (current + 1) % LANES;
            // Reusing a lane waits for its previous block: at most LANES blocks are in flight.
            if (lanes[current] != null) {
                lanes[current].awaitIdle();
            }
        }
        return durable.get();
    }

    @Override
    public long finish() {
        commit();
        for (Lane lane : lanes) {
            if (lane != null) {
                lane.awaitIdle();
            }
        }
        return durable.get();
    }

    private Lane lane(int index) {
        if (lanes[index] == null) {
            lanes[index] = new Lane(index);
        }
        return lanes[index];
    }

    /**
     * One connection with its appender and the one thread that uses them: DuckDB connections are
     * single-threaded and an appender refuses calls from any thread but the one that created it.
     */
    private final class Lane {
        private final ExecutorService thread;
        private DuckDBConnection connection;
        private DuckDBAppender appender;
        private Future<?> last;
        private volatile RuntimeException failure;

        Lane(int index) {
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "deeplake-writer-" + table + "-" + index);
                t.setDaemon(true);
                return t;
            });
            call(() -> {
                connection = database.duplicate();
                connection.setAutoCommit(false);
                appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
            }, "Opening a writer on");
        }

        /** Runs a task on the lane's thread after those before it, unless one of them failed. */
        void submit(Runnable task) {
            if (failure != null) {
                throw failure;
            }
            last = thread.submit(() -> {
                if (failure != null) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    failure = e;
                }
            });
        }

        /** Waits for the lane's tasks; @throws the first failure among them */
        void awaitIdle() {
            if (last != null) {
                await(last);
            }
            if (failure != null) {
                throw failure;
            }
        }

        void append(Batch batch, int from, int to, long firstRow) {
            ValueAppender[] writers = new ValueAppender[columns.size()];
            for (int c = 0; c < writers.length; c++) {
                writers[c] = appenderFor(columns.get(c), batch, firstRow - from);
            }
            int row = from;
            try {
                for (; row < to; row++) {
                    appender.beginRow();
                    for (ValueAppender w : writers) {
                        w.append(appender, row);
                    }
                    appender.endRow();
                }
            } catch (SQLException e) {
                throw new IngestError("Writing row " + row + " of a batch to table '" + table + "' failed: " + e.getMessage(), e);
            }
        }

        /** Waits for the previous block's commit; a failed one fails this block too. */
        void appendDone(CompletableFuture<Void> previous) {
            try {
                previous.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IngestError("An earlier block of table '" + table + "' failed to commit", e.getCause());
            }
        }

        void commitBlock() {
            try {
                appender.flush();
                connection.commit();
            } catch (SQLException e) {
                throw new IngestError("Commit to table '" + table + "' failed: " + e.getMessage(), e);
            }
        }

        /**
         * Drops what the lane holds once its queued tasks are done: closing the appender flushes its
         * buffer into the open transaction, which is then rolled back.
         */
        void discard() {
            call(() -> {
                try {
                    appender.close();
                } catch (SQLException halfWrittenRow) {
                    // A half-written row cannot be flushed; the rollback below discards the rest.
                    connection.rollback();
                }
                connection.rollback();
            }, "Undoing the ingest into");
        }

        void close() {
            try {
                call(() -> {
                    try {
                        if (!appender.isClosed()) {
                            appender.close();
                        }
                    } finally {
                        connection.close();
                    }
                }, "Closing the writer of");
            } finally {
                thread.shutdownNow();
            }
        }

        /** Runs JDBC work on the lane's thread now, after anything queued, whatever queued work did. */
        private void call(SqlWork work, String what) {
            await(thread.submit(() -> {
                try {
                    work.run();
                } catch (SQLException e) {
                    throw new IngestError(what + " table '" + table + "' failed: " + e.getMessage(), e);
                }
                return null;
            }));
        }

        private void await(Future<?> future) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestError("Ingest into table '" + table + "' interrupted", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new IngestError("Writer of table '" + table + "' failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** JDBC work run on a lane's thread. */
    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    /** @param rowOffset added to a batch row index to give the row's number within this ingest */
    private ValueAppender appenderFor(StoredColumn stored, Batch batch, long rowOffset) {
        Column column = stored.column();
        if (stored.isRowId()) {
            return (a, row) -> a.append(ids.id(rowOffset + row));
        }
        if (!batch.has(column.name())) {
            return (a, row) -> a.appendNull();
        }
        String name = column.name();
        ValueAppender value = valueAppender(stored, batch.column(name));
        return (a, row) -> {
            if (batch.isNull(name, row)) {
                a.appendNull();
            } else {
                value.append(a, row);
            }
        };
    }

    /** Chooses the appender call for the table column's storage type and the batch's array type. */
    private ValueAppender valueAppender(StoredColumn stored, Object values) {
        Column column = stored.column();
        String duck = stored.duckType();
        if (values instanceof String[] v) {
            return (a, row) -> a.append(v[row]);
        }
        if (values instanceof byte[][] v) {
            return (a, row) -> a.append(v[row]);
        }
        if (values instanceof boolean[] v) {
            return (a, row) -> a.append(v[row]);
        }
        if (values instanceof float[][] v) {
            int size = column.size();
            return (a, row) -> {
                if (size > 0 && v[row] != null && v[row].length != size) {
                    throw new IngestError("column '" + column.name() + "' of table '" + table + "' holds vectors of "
                            + size + " floats, got " + v[row].length);
                }
                a.append(v[row]);
            };
        }
        if (values instanceof long[] v) {
            return switch (duck) {
                case "BIGINT" -> (a, row) -> a.append(v[row]);
                case "INTEGER" -> (a, row) -> a.append(toInt(column, v[row]));
                case "DOUBLE" -> (a, row) -> a.append((double) v[row]);
                case "FLOAT" -> (a, row) -> a.append((float) v[row]);
                default -> mismatch(column, duck, values);
            };
        }
        if (values instanceof double[] v) {
            return switch (duck) {
                case "DOUBLE" -> (a, row) -> a.append(v[row]);
                case "FLOAT" -> (a, row) -> a.append((float) v[row]);
                default -> mismatch(column, duck, values);
            };
        }
        if (values instanceof float[] v) {
            return switch (duck) {
                case "FLOAT" -> (a, row) -> a.append(v[row]);
                case "DOUBLE" -> (a, row) -> a.append((double) v[row]);
                default -> mismatch(column, duck, values);
            };
        }
        return mismatch(column, duck, values);
    }

    private ValueAppender mismatch(Column column, String duck, Object values) {
        throw new IngestError("column '" + column.name() + "' of table '" + table + "' is " + column.typeName()
                + " (" + duck + ") and cannot hold " + values.getClass().getSimpleName() + " values");
    }

    private int toInt(Column column, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IngestError("column '" + column.name() + "' is " + column.type() + " and cannot hold " + value);
        }
        return (int) value;
    }

    @Override
    public void abort() {
        for (Lane lane : lanes) {
            if (lane != null) {
                lane.discard();
            }
        }
        try (DuckDBConnection c = database.duplicate(); Statement s = c.createStatement()) {
            String quoted = Sql.quote(table);
            s.execute("DELETE FROM " + quoted + " WHERE starts_with(" + Sql.quote(EmbeddedBackend.ROW_ID) + ", '" + ids.prefix() + "')");
            if (created) {
                try (var rs = s.executeQuery("SELECT count(*) FROM " + quoted)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        s.execute("DROP TABLE " + quoted);
                    }
                }
            }
            for (String column : addedColumns) {
                // Another ingest running at the same time may have filled the column: then it stays.
                try (var rs = s.executeQuery("SELECT count(" + Sql.quote(column) + ") FROM " + quoted)) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        s.execute("ALTER TABLE " + quoted + " DROP COLUMN " + Sql.quote(column));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IngestError("Undoing the failed ingest into table '" + table + "' failed: " + e.getMessage(), e);
        } finally {
            listener.undone();
        }
    }

    @Override
    public void close() {
        RuntimeException failed = null;
        for (Lane lane : lanes) {
            try {
                if (lane != null) {
                    lane.close();
                }
            } catch (RuntimeException e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
