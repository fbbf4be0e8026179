package ai.deeplake.core.engine;

import ai.deeplake.Row;
import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one statement run by {@link EmbeddedBackend#execute} gave: either a result set, read one row
 * at a time while the statement stays open, or the number of rows a statement without one changed.
 *
 * <p>Unlike a {@code List<Row>}, it tells the column names and DuckDB types also when there are no
 * rows, and it never holds the whole result on the Java heap, which is what a server answering in
 * columns or streaming batches needs. Values are those of a {@link Row}: {@code byte[]},
 * {@code float[]}, {@code Long}, {@code String} (also for JSON)... Close it to release the connection.
 */
public final class StatementResult implements AutoCloseable {
    private final RowSource source;
    private final long changedRows;
    private final List<String> columnNames;
    private final List<String> columnTypes;
    private final List<AutoCloseable> resources;
    private final ColumnArrays.Kind[] kinds;
    /** Rows read from the result set ahead of {@link #next} ({@link #hasAtLeast}) or put before it ({@link #addFirst}). */
    private final Deque<Object[]> ahead = new ArrayDeque<>();
    /** The arrays {@link #nextBatchReusingArrays} fills again and again. */
    private ColumnArrays reused;

    private StatementResult(RowSource source, long changedRows, List<String> columnNames, List<String> columnTypes,
            ColumnArrays.Kind[] kinds, AutoCloseable[] resources) {
        this.source = source;
        this.kinds = kinds;
        this.changedRows = changedRows;
        this.columnNames = columnNames;
        this.columnTypes = columnTypes;
        this.resources = new ArrayList<>(Arrays.asList(resources));
    }

    /** A statement without a result set; {@code count} is what it changed (0 for DDL). */
    static StatementResult changed(long count) {
        return new StatementResult(null, Math.max(0, count), List.of(), List.of(), new ColumnArrays.Kind[0], new AutoCloseable[0]);
    }

    /**
     * @param resources what to close with the result after its rows (the statement first, its
     *     connection last)
     */
    static StatementResult rows(RowSource source, AutoCloseable... resources) throws SQLException {
        ResultSetMetaData md = source.metaData();
        int n = md.getColumnCount();
        List<String> names = new ArrayList<>(n);
        List<String> types = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            names.add(md.getColumnLabel(i));
            types.add(md.getColumnTypeName(i));
        }
        AutoCloseable[] all = new AutoCloseable[resources.length + 1];
        all[0] = source;
        System.arraycopy(resources, 0, all, 1, resources.length);
        return new StatementResult(source, -1, List.copyOf(names), List.copyOf(types), ColumnArrays.kinds(md), all);
    }

    /** @return true when the statement returned rows (SELECT, EXPLAIN, ... RETURNING), even none */
    public boolean hasRows() {
        return source != null;
    }

    /** @return the rows an INSERT/UPDATE/DELETE changed; 0 for DDL and for statements with a result set */
    public long changedRows() {
        return Math.max(0, changedRows);
    }

    /** @return the result's column names (labels), in order; empty without a result set */
    public List<String> columnNames() {
        return columnNames;
    }

    /**
     * @return DuckDB's type name of each column ({@code BIGINT}, {@code VARCHAR}, {@code BLOB},
     *     {@code JSON}, {@code FLOAT[384]}...), in order; empty without a result set
     */
    public List<String> columnTypes() {
        return columnTypes;
    }

    /**
     * @return the next row's values in column order, or null after the last row
     * @throws TableError when reading fails
     */
    public Object[] next() {
        return ahead.isEmpty() ? read() : ahead.poll();
    }

    /**
     * Reads up to {@code max} rows as one columnar batch, with typed getters into primitive arrays
     * (what {@code Dataset.batches} gets in embedded mode).
     *
     * @return the batch; empty after the last row
     * @throws TableError when reading fails
     */
    public Batch nextBatch(int max) {
        return fill(new ColumnArrays(columnNames.toArray(String[]::new), kinds, max), max);
    }

    /**
     * Like {@link #nextBatch}, but the batch's arrays are those of the batch before, overwritten: for
     * a caller that is done with each batch before it reads the next (a server encoding batches onto
     * the wire), which saves allocating and clearing arrays for every batch.
     *
     * @return the batch, valid until the next call; empty after the last row
     * @throws TableError when reading fails
     */
    public Batch nextBatchReusingArrays(int max) {
        if (reused == null || reused.capacity() != max) {
            reused = new ColumnArrays(columnNames.toArray(String[]::new), kinds, max);
        } else {
            reused.clearNulls();
        }
        return fill(reused, max);
    }

    private Batch fill(ColumnArrays columns, int max) {
        int n = 0;
        while (n < max && !ahead.isEmpty()) {
            columns.put(ahead.poll(), n++);
        }
        try {
            if (source != null) {
                n = source.fill(columns, n, max);
            }
        } catch (SQLException e) {
            throw new TableError(EmbeddedBackend.firstLine(e.getMessage()), e);
        }
        return columns.build(n);
    }

    /**
     * Reads ahead, without losing what it reads: {@link #next} still returns those rows.
     *
     * @return whether at least {@code n} rows are left to read
     */
    boolean hasAtLeast(long n) {
        while (ahead.size() < n) {
            Object[] values = read();
            if (values == null) {
                return false;
            }
            ahead.add(values);
        }
        return true;
    }

    /** Puts a row before the rows left to read. */
    void addFirst(Object[] values) {
        ahead.addFirst(values);
    }

    /** Closes {@code resource} too, after what the result closes already (the connection the statement ran on). */
    void alsoClose(AutoCloseable resource) {
        resources.add(resource);
    }

    private Object[] read() {
        if (source == null) {
            return null;
        }
        try {
            return source.nextRow();
        } catch (SQLException e) {
            throw new TableError(EmbeddedBackend.firstLine(e.getMessage()), e);
        }
    }

    /** @return the rows not read yet, as {@link Row}s */
    List<Row> remainingRows() {
        List<Row> rows = new ArrayList<>();
        for (Object[] values = next(); values != null; values = next()) {
            Map<String, Object> row = new LinkedHashMap<>(values.length * 2);
            for (int i = 0; i < values.length; i++) {
                row.put(columnNames.get(i), values[i]);
            }
            rows.add(new Row(row));
        }
        return rows;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new TableError("Closing a query result failed: " + EmbeddedBackend.firstLine(e.getMessage()), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
