package ai.deeplake.core.engine;

import ai.deeplake.api.Batch;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends batches to a DuckDB table through the native appender on a connection of its own, inside
 * one transaction per commit. Every row gets an {@code _id} sharing this call's prefix, which is what
 * {@link #abort()} deletes.
 */
final class DuckTableWriter implements TableWriter {
    /** Appends the value at a row of one batch column. */
    @FunctionalInterface
    private interface ValueAppender {
        void append(DuckDBAppender appender, int row) throws SQLException;
    }

    private final DuckDBConnection connection;
    private final DuckDBAppender appender;
    private final String table;
    private final List<StoredColumn> columns;
    private final boolean created;
    private final RowIds ids = new RowIds();
    private boolean failed;

    /**
     * @param columns the table's columns in storage order, {@code _id} included
     * @param created whether this ingest created the table (then abort drops it when left empty)
     */
    DuckTableWriter(DuckDBConnection connection, String table, List<StoredColumn> columns, boolean created) throws SQLException {
        this.connection = connection;
        this.table = table;
        this.columns = columns;
        this.created = created;
        connection.setAutoCommit(false);
        this.appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    /** A table column: its Deeplake type and the DuckDB type the appender insists on. */
    record StoredColumn(Column column, String duckType) {
        boolean isRowId() {
            return column.name().equals(EmbeddedBackend.ROW_ID);
        }
    }

    @Override
    public void write(Batch batch, int from, int to) {
        ValueAppender[] writers = new ValueAppender[columns.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = appenderFor(columns.get(c), batch);
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
        } catch (SQLException | RuntimeException e) {
            failed = true;
            throw new IngestError("Writing row " + row + " of a batch to table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    private ValueAppender appenderFor(StoredColumn stored, Batch batch) {
        Column column = stored.column();
        if (stored.isRowId()) {
            return (a, row) -> a.append(ids.next());
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
    public void commit() {
        if (failed) {
            throw new IngestError("cannot commit to table '" + table + "' after a failed write");
        }
        try {
            appender.flush();
            connection.commit();
        } catch (SQLException e) {
            failed = true;
            throw new IngestError("Commit to table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        try {
            closeAppender();
            connection.rollback();
            try (Statement s = connection.createStatement()) {
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
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IngestError("Undoing the failed ingest into table '" + table + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Closing flushes what the appender still buffers into the open transaction, which the caller
     * then rolls back; a flush failure (a half-written row) changes nothing, as those rows are being
     * discarded anyway.
     */
    private void closeAppender() throws SQLException {
        try {
            appender.close();
        } catch (SQLException halfWrittenRow) {
            connection.rollback();
        }
    }

    @Override
    public void close() {
        try {
            try {
                if (!appender.isClosed()) {
                    appender.close();
                }
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            // The appender's close flushes: reaching here means rows did not reach the table.
            throw new IngestError("Closing the writer of table '" + table + "' failed: " + e.getMessage(), e);
        }
    }
}
