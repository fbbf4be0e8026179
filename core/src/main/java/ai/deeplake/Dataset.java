package ai.deeplake;

import ai.deeplake.api.Batch;
import ai.deeplake.api.TableError;
import ai.deeplake.core.BatchCursor;
import ai.deeplake.core.Sql;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A table opened for training and streaming ({@link Client#openTable(String)}), or a view of one.
 * Views are cheap and lazy: {@link #query(String)} narrows columns and rows, {@link #shuffled(long)}
 * orders rows by a seeded permutation, {@link #prefetch(int)} reads batches ahead on a background
 * thread. Nothing is read until {@link #size()}, {@link #get(long)}, {@link #batches(int)} or
 * {@link #stream()} asks; batches stream from storage (embedded) or over HTTP (remote), never the
 * whole table at once.
 *
 * <pre>{@code
 * Dataset frames = client.openTable("frames");
 * Dataset view = frames.query("SELECT state_x, state_y, action_x WHERE episode_index < 100").shuffled(42);
 * for (Batch batch : view.batches(256)) {
 *     float[] x = batch.floats("state_x");
 *     ...
 * }
 * }</pre>
 */
public final class Dataset {
    private static final int ROW_BLOCK = 256;

    private final Client client;
    private final String table;
    private final String columns;
    private final List<String> conditions;
    private final Long seed;
    private final int prefetch;
    private List<Row> block = List.of();
    private long blockStart = -1;

    Dataset(Client client, String table) {
        this(client, Sql.tableName(table), "*", List.of(), null, 0);
    }

    private Dataset(Client client, String table, String columns, List<String> conditions, Long seed, int prefetch) {
        this.client = client;
        this.table = table;
        this.columns = columns;
        this.conditions = conditions;
        this.seed = seed;
        this.prefetch = prefetch;
    }

    /** @return the table this dataset reads */
    public String table() {
        return table;
    }

    /** @return the number of rows */
    public long size() {
        return client.query("SELECT COUNT(*) AS n FROM " + Sql.quote(table) + where()).get(0).getLong("n");
    }

    /**
     * @return row {@code index} (0-based) in this dataset's order; rows are read a block at a time,
     *     so walking the indexes in order costs one query per 256 rows
     */
    public synchronized Row get(long index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("row " + index);
        }
        long start = index - index % ROW_BLOCK;
        if (start != blockStart) {
            block = client.query(select() + " LIMIT " + ROW_BLOCK + " OFFSET " + start);
            blockStart = start;
        }
        int at = (int) (index - start);
        if (at >= block.size()) {
            throw new IndexOutOfBoundsException("row " + index + " of a dataset of " + (start + block.size()) + " rows");
        }
        return block.get(at);
    }

    /** @return a lazy view of one column */
    public Dataset column(String name) {
        return new Dataset(client, table, Sql.quote(name), conditions, seed, prefetch);
    }

    /**
     * Narrows the dataset with the seed's view form: {@code SELECT cols [WHERE condition]}, without
     * FROM (the table is implied), e.g. {@code "SELECT state_x, action_x WHERE episode_index < 100"}.
     */
    public Dataset query(String selectWithoutFrom) {
        String q = selectWithoutFrom.strip();
        if (!q.toUpperCase(Locale.ROOT).startsWith("SELECT ")) {
            throw new TableError("A dataset view is written SELECT <columns> [WHERE <condition>], got: " + selectWithoutFrom);
        }
        int where = topLevelKeyword(q, "WHERE");
        String cols = (where < 0 ? q.substring(6) : q.substring(6, where)).strip();
        if (topLevelKeyword(q, "FROM") >= 0) {
            throw new TableError("A dataset view has no FROM: the table is '" + table + "'. Got: " + selectWithoutFrom);
        }
        List<String> more = new ArrayList<>(conditions);
        if (where >= 0) {
            more.add(q.substring(where + 5).strip());
        }
        return new Dataset(client, table, cols.isEmpty() ? "*" : cols, List.copyOf(more), seed, prefetch);
    }

    /** @return the position of a keyword outside quotes and parentheses, or -1 */
    private static int topLevelKeyword(String sql, String keyword) {
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int close = sql.indexOf(c, i + 1);
                i = close < 0 ? sql.length() : close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && sql.regionMatches(true, i, keyword, 0, keyword.length())
                    && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))
                    && (i + keyword.length() == sql.length() || !Character.isLetterOrDigit(sql.charAt(i + keyword.length())))) {
                return i;
            }
        }
        return -1;
    }

    /** @return the same rows in a seeded random order: a full permutation, reproducible by seed, computed by the engine */
    public Dataset shuffled(long seed) {
        return new Dataset(client, table, columns, conditions, seed, prefetch);
    }

    /** @return a view whose batches are read up to {@code batches} ahead on a background thread */
    public Dataset prefetch(int batches) {
        if (batches < 0) {
            throw new IllegalArgumentException("prefetch must not be negative, got " + batches);
        }
        return new Dataset(client, table, columns, conditions, seed, batches);
    }

    private String where() {
        if (conditions.isEmpty()) {
            return "";
        }
        StringBuilder w = new StringBuilder(" WHERE ");
        for (int i = 0; i < conditions.size(); i++) {
            w.append(i == 0 ? "" : " AND ").append('(').append(conditions.get(i)).append(')');
        }
        return w.toString();
    }

    /**
     * The query behind this view. Rows come in the table's storage order, which is the order rows
     * were ingested (writers commit in order, embedded and remote), read without a sort; or in the
     * seeded permutation (md5 of the row id and the seed).
     */
    String select() {
        String id = Sql.quote("_id");
        String order = seed == null ? "" : " ORDER BY md5(" + id + " || '" + seed + "'), " + id;
        return "SELECT " + columns + " FROM " + Sql.quote(table) + where() + order;
    }

    /**
     * @return the rows as columnar batches of {@code size} rows (the last may be shorter), read from
     *     storage as they are iterated; each iteration is a fresh read, closed when it ends
     */
    public Iterable<Batch> batches(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        return () -> {
            BatchCursor cursor = client.backend().scan(select(), List.of(), size);
            return prefetch == 0 ? closingAtEnd(cursor) : new Prefetcher(cursor, prefetch);
        };
    }

    /** @return the rows one by one; close the stream to stop early */
    public Stream<Row> stream() {
        BatchCursor cursor = client.backend().scan(select(), List.of(), ROW_BLOCK);
        Iterator<Row> rows = new Iterator<>() {
            private Batch batch;
            private int row;

            @Override
            public boolean hasNext() {
                while ((batch == null || row >= batch.size()) && cursor.hasNext()) {
                    batch = cursor.next();
                    row = 0;
                }
                return batch != null && row < batch.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
                for (String name : batch.columnNames()) {
                    values.put(name, batch.value(name, row));
                }
                row++;
                return new Row(values);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false).onClose(cursor::close);
    }

    private static Iterator<Batch> closingAtEnd(BatchCursor cursor) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = cursor.hasNext();
                if (!more) {
                    cursor.close();
                }
                return more;
            }

            @Override
            public Batch next() {
                return cursor.next();
            }
        };
    }

    /** Reads batches ahead on a daemon thread into a bounded queue. */
    private static final class Prefetcher implements Iterator<Batch> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> queue;
        private Object head;

        Prefetcher(BatchCursor cursor, int ahead) {
            queue = new ArrayBlockingQueue<>(ahead);
            Thread reader = new Thread(() -> {
                try (cursor) {
                    while (cursor.hasNext()) {
                        queue.put(cursor.next());
                    }
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    queue.clear();
                    queue.offer(e);
                }
            }, "deeplake-prefetch");
            reader.setDaemon(true);
            reader.start();
        }

        @Override
        public boolean hasNext() {
            if (head == null) {
                try {
                    head = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TableError("Interrupted while waiting for a prefetched batch", e);
                }
            }
            if (head instanceof RuntimeException failure) {
                throw failure;
            }
            return head != END;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Batch batch = (Batch) head;
            head = null;
            return batch;
        }
    }
}
