package ai.deeplake.core.index;

import ai.deeplake.api.ColumnType;
import ai.deeplake.api.Schema;
import ai.deeplake.api.TableError;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.lucene.store.LockObtainFailedException;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search indexes of one workspace: creates and drops them, keeps them in step with their tables
 * and answers searches from them.
 *
 * <p>The list of indexes is the registry table in the workspace's database; the index files are
 * derived from the tables and rebuilt when missing or unreadable. Before an index answers, it catches
 * up with the writes made to its table since it last did ({@link ChangeLog}): the engine reports
 * every write ({@link #appended}, {@link #changed}) and every schema change ({@link #beforeAlter},
 * {@link #afterAlter}, {@link #removeTable}, then {@link #settle} once committed).
 *
 * <p>Thread-safe: the registry and the open indexes are guarded by this object; each index catches
 * up under its own lock, so a long build does not hold up searches of other indexes.
 */
public final class IndexCatalog implements AutoCloseable {
    /**
     * The most candidates a search asks of an index. DuckDB reads an {@code _id IN (...)} list through
     * the {@code _id} index only up to 2048 values (its {@code index_scan_max_count}); beyond, the
     * exact statement is as cheap.
     */
    public static final int MAX_CANDIDATES = 2048;
    /**
     * Connections per node of a vector index's HNSW graph on its upper layers (Lucene's {@code M}; the
     * bottom layer, which holds every vector, keeps twice as many).
     */
    public static final int HNSW_CONNECTIONS = 16;
    /** Candidates kept while a vector index links a new vector into its graph (Lucene's {@code beamWidth}). */
    public static final int HNSW_BEAM_WIDTH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(IndexCatalog.class);

    /** Reads a table's columns with their Deeplake types. */
    @FunctionalInterface
    public interface Schemas {
        /**
         * @param table the table name as DuckDB stores it
         * @return its columns; empty when there is no such table
         */
        Optional<Schema> of(Connection c, String table) throws SQLException;
    }

    private final DuckDBConnection database;
    private final IndexFolders folders;
    private final Schemas schemas;
    private final ChangeLog changes = new ChangeLog();
    /** Guarded by {@code this}; keyed by {@link #key}. */
    private final Map<String, OpenIndex> open = new HashMap<>();

    /**
     * @param database the workspace's database (duplicated for each use, never closed here)
     * @param workspace the workspace folder; index files go under its {@code indexes/}
     */
    public IndexCatalog(DuckDBConnection database, Path workspace, Schemas schemas) throws SQLException {
        this.database = database;
        this.folders = new IndexFolders(workspace);
        this.schemas = schemas;
        try (DuckDBConnection c = database.duplicate()) {
            IndexRegistry.create(c);
            folders.keepOnly(IndexRegistry.all(c));
        }
    }

    /**
     * Creates the index of {@code table.column}: registers it, then builds it from the table. When the
     * column has an index already, brings that one up to date instead.
     *
     * @param name the index name; null for {@code <table>_<column>_idx}
     * @throws TableError when the table or column does not exist, the column is neither EMBEDDING nor
     *     TEXT, the name is taken by another index, or the build fails
     */
    public void create(String table, String column, String name) {
        OpenIndex index;
        boolean created;
        synchronized (this) {
            try (DuckDBConnection c = database.duplicate()) {
                IndexDefinition definition = definition(c, table, column, name);
                Optional<IndexRegistry.Entry> existing = IndexRegistry.find(c, definition.table(), definition.column());
                created = existing.isEmpty();
                if (created) {
                    register(c, definition);
                }
                index = handle(c, existing.map(e -> withName(definition, e.name())).orElse(definition));
            } catch (SQLException e) {
                throw new TableError("Index creation failed: " + firstLine(e), e);
            }
        }
        try {
            index.current();
        } catch (RuntimeException e) {
            if (created) {
                drop(index.definition().name());
            }
            throw e;
        }
    }

    private static IndexDefinition withName(IndexDefinition d, String name) {
        return new IndexDefinition(name, d.table(), d.column(), d.kind());
    }

    /** @return the index to create, checked against the table; its name defaulted */
    private IndexDefinition definition(Connection c, String table, String column, String name) throws SQLException {
        String stored = storedTableName(c, table)
                .orElseThrow(() -> new TableError("Index creation failed: table '" + table + "' does not exist"));
        Schema.Column target = schemas.of(c, stored).flatMap(s -> findColumn(s, column))
                .orElseThrow(() -> new TableError("Index creation failed: column '" + column + "' does not exist in table '"
                        + table + "'"));
        IndexKind kind = IndexKind.of(target.type()).orElseThrow(() -> new TableError("Index creation failed: column '"
                + column + "' of table '" + table + "' is " + target.type()
                + "; deeplake_index supports EMBEDDING (vector search) and TEXT (BM25) columns"));
        return new IndexDefinition(name == null ? stored + "_" + target.name() + "_idx" : name, stored, target.name(), kind);
    }

    private void register(Connection c, IndexDefinition definition) throws SQLException {
        Optional<IndexRegistry.Entry> named = IndexRegistry.named(c, definition.name());
        if (named.isPresent()) {
            throw new TableError("Index creation failed: an index named '" + definition.name() + "' already exists on "
                    + named.get().table() + "." + named.get().column());
        }
        c.setAutoCommit(false);
        IndexRegistry.add(c, new IndexRegistry.Entry(definition.name(), definition.table(), definition.column()));
        IdLookup.create(c, definition.table());
        c.commit();
        // Files left by an index of the same column that was dropped while the process died.
        IndexFolders.delete(folders.of(definition.table(), definition.column()));
    }

    /**
     * Drops the index named {@code name} and its files.
     *
     * @return false when there is no such index
     */
    public synchronized boolean drop(String name) {
        try (DuckDBConnection c = database.duplicate()) {
            Optional<IndexRegistry.Entry> entry = IndexRegistry.named(c, name);
            if (entry.isEmpty()) {
                return false;
            }
            c.setAutoCommit(false);
            IndexRegistry.remove(c, entry.get());
            if (IndexRegistry.ofTable(c, entry.get().table()).isEmpty()) {
                IdLookup.drop(c, entry.get().table());
            }
            c.commit();
            close(open.remove(key(entry.get().table(), entry.get().column())));
            IndexFolders.delete(folders.of(entry.get().table(), entry.get().column()));
            return true;
        } catch (SQLException e) {
            throw new TableError("Dropping index '" + name + "' failed: " + firstLine(e), e);
        }
    }

    /** @return the index of {@code table.column}, if there is one */
    public synchronized Optional<IndexDefinition> find(String table, String column) {
        OpenIndex index = open.get(key(table, column));
        if (index != null) {
            return Optional.of(index.definition());
        }
        try (DuckDBConnection c = database.duplicate()) {
            Optional<IndexRegistry.Entry> entry = IndexRegistry.find(c, table, column);
            return entry.isEmpty() ? Optional.empty() : Optional.of(resolve(c, entry.get()));
        } catch (SQLException e) {
            throw new TableError("Reading the search indexes failed: " + firstLine(e), e);
        }
    }

    /**
     * @param breadth how broadly to search (at least 1): the more, the more reliably the best rows are found
     * @param count how many of the rows found to return (at least 1, at most {@code breadth})
     * @return the rows whose {@code column} is nearest to {@code query} by cosine, best first
     * @throws TableError when the column has no index
     */
    public Hits nearest(String table, String column, float[] query, int breadth, int count) {
        OpenIndex index = current(table, column);
        return index.call(() -> ((VectorIndex) index.lucene()).nearest(query, breadth, count));
    }

    /**
     * @return the candidates a search of the vector index of {@code table.column} should ask for at
     *     least to keep recall@10 at the bar; empty when the index cannot within
     *     {@link #MAX_CANDIDATES} on its data (then an exact scan is the better search)
     * @throws TableError when the column has no vector index
     */
    public OptionalInt vectorCandidates(String table, String column) {
        OpenIndex index = current(table, column);
        if (!(index.lucene() instanceof VectorIndex vectors)) {
            throw new TableError("Column '" + column + "' of table '" + table + "' has no vector index");
        }
        return vectors.candidates();
    }

    /**
     * The BM25 searches build the column's index on first use when it has none, so that they are the
     * same with or without {@code CREATE INDEX}.
     *
     * @param n rows to find (at least 1)
     * @return the {@code n} best rows for the query, best first
     */
    public Hits bestText(String table, String column, String query, int n) {
        OpenIndex index = textIndex(table, column);
        return index.call(() -> ((TextIndex) index.lucene()).best(query, n));
    }

    /** @return the BM25 scores of those of {@code ids} that match the query */
    public Hits textScores(String table, String column, String query, Collection<String> ids) {
        OpenIndex index = textIndex(table, column);
        return index.call(() -> ((TextIndex) index.lucene()).scores(query, ids));
    }

    /** @return every row that matches the query, with its BM25 score */
    public Hits allText(String table, String column, String query) {
        OpenIndex index = textIndex(table, column);
        return index.call(() -> ((TextIndex) index.lucene()).all(query));
    }

    private OpenIndex textIndex(String table, String column) {
        Optional<IndexDefinition> existing = find(table, column);
        if (existing.isEmpty()) {
            requireText(table, column);
            create(table, column, null);
        } else if (existing.get().kind() != IndexKind.TEXT) {
            requireText(table, column);
        }
        return current(table, column);
    }

    private void requireText(String table, String column) {
        try (DuckDBConnection c = database.duplicate()) {
            Optional<Schema.Column> target = storedTableName(c, table).flatMap(t -> schemaOf(c, t))
                    .flatMap(s -> findColumn(s, column));
            if (target.isPresent() && target.get().type() != ColumnType.TEXT) {
                throw new TableError("BM25 search (<#> with a text query) needs a TEXT column; column '" + column
                        + "' of table '" + table + "' is " + target.get().type());
            }
        } catch (SQLException e) {
            throw new TableError("Reading the columns of table '" + table + "' failed: " + firstLine(e), e);
        }
    }

    private Optional<Schema> schemaOf(Connection c, String table) {
        try {
            return schemas.of(c, table);
        } catch (SQLException e) {
            throw new TableError("Reading the columns of table '" + table + "' failed: " + firstLine(e), e);
        }
    }

    /** @return the open index of {@code table.column}, caught up with its table */
    private OpenIndex current(String table, String column) {
        OpenIndex index;
        synchronized (this) {
            // An open index needs no connection: a search asks for it twice, and opening one costs more than the lookup.
            index = open.get(key(table, column));
            if (index == null) {
                index = openRegistered(table, column);
            }
        }
        index.current();
        return index;
    }

    /** @return the registered index of {@code table.column}, opened; under {@code this} */
    private OpenIndex openRegistered(String table, String column) {
        try (DuckDBConnection c = database.duplicate()) {
            IndexRegistry.Entry entry = IndexRegistry.find(c, table, column).orElseThrow(() -> new TableError(
                    "Column '" + column + "' of table '" + table + "' has no deeplake_index"));
            return handle(c, resolve(c, entry));
        } catch (SQLException e) {
            throw new TableError("Reading the search indexes failed: " + firstLine(e), e);
        }
    }

    /** @return the open index of a registered definition, opened (or rebuilt) when it is not; under {@code this} */
    private OpenIndex handle(Connection c, IndexDefinition definition) throws SQLException {
        String key = key(definition.table(), definition.column());
        OpenIndex index = open.get(key);
        if (index == null) {
            IdLookup.create(c, definition.table());
            index = new OpenIndex(definition, openFiles(definition), changes, database);
            open.put(key, index);
        }
        return index;
    }

    /** Opens an index's files; when they are unreadable, starts again from an empty index, to be rebuilt. */
    private SearchIndex openFiles(IndexDefinition definition) {
        Path folder = folders.of(definition.table(), definition.column());
        try {
            return definition.kind().open(folder);
        } catch (LockObtainFailedException e) {
            throw new TableError("Search index '" + definition.name() + "' at " + folder + " is in use by another process", e);
        } catch (IOException | RuntimeException unreadable) {
            LOG.warn("Search index '{}' at {} cannot be read ({}); rebuilding it from table '{}'", definition.name(), folder,
                    unreadable.getMessage(), definition.table());
            IndexFolders.delete(folder);
            try {
                return definition.kind().open(folder);
            } catch (IOException e) {
                throw new TableError("Search index '" + definition.name() + "' cannot be created at " + folder + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** @return a registry entry with the kind its column's type gives */
    private IndexDefinition resolve(Connection c, IndexRegistry.Entry entry) throws SQLException {
        Schema.Column column = schemas.of(c, entry.table()).flatMap(s -> findColumn(s, entry.column()))
                .orElseThrow(() -> new TableError("Search index '" + entry.name() + "' names column " + entry.table() + "."
                        + entry.column() + ", which does not exist"));
        IndexKind kind = IndexKind.of(column.type()).orElseThrow(() -> new TableError("Search index '" + entry.name()
                + "' is on " + entry.table() + "." + entry.column() + ", which is now " + column.type()));
        return new IndexDefinition(entry.name(), entry.table(), column.name(), kind);
    }

    /** Rows were appended and committed by the ingest whose {@code _id}s start with {@code idPrefix}. */
    public void appended(String table, String idPrefix) {
        changes.appended(table, idPrefix);
    }

    /** Rows of {@code table} were inserted, deleted or ({@code valuesChanged}) updated. */
    public void changed(String table, boolean valuesChanged) {
        changes.changed(table, valuesChanged);
    }

    /**
     * Before an {@code ALTER TABLE}, outside its transaction: lets DuckDB alter the table (see
     * {@link IdLookup}). Committed on its own, because DuckDB checks a {@code DROP COLUMN} against the
     * committed indexes, and one on {@code _id}, the last column, blocks dropping any other. Call
     * {@link #settle} afterwards, whether the statement succeeded or not, to restore it.
     */
    public void beforeAlter(Connection c, String table) throws SQLException {
        if (!IndexRegistry.ofTable(c, table).isEmpty()) {
            IdLookup.drop(c, table);
        }
    }

    /**
     * After an {@code ALTER TABLE}, in its transaction: drops the indexes whose column is gone or can no
     * longer be indexed (renaming a table or an indexed column drops its indexes too). Call
     * {@link #settle} once committed.
     */
    public void afterAlter(Connection c, String table) throws SQLException {
        Optional<Schema> schema = schemas.of(c, table);
        for (IndexRegistry.Entry entry : IndexRegistry.ofTable(c, table)) {
            Optional<Schema.Column> column = schema.flatMap(s -> findColumn(s, entry.column()));
            if (column.isEmpty() || IndexKind.of(column.get().type()).isEmpty()) {
                IndexRegistry.remove(c, entry);
            }
        }
    }

    /** Drops the indexes of a table being dropped, in the transaction that drops it. Call {@link #settle} once committed. */
    public void removeTable(Connection c, String table) throws SQLException {
        IndexRegistry.removeTable(c, table);
    }

    /**
     * After a schema change of {@code table}, committed or failed: closes and deletes the files of
     * indexes no longer registered, restores the {@code _id} lookup of the others
     * ({@link #beforeAlter}), and has them compare the whole table (values may have changed type).
     */
    public synchronized void settle(String table) {
        try (DuckDBConnection c = database.duplicate()) {
            List<IndexRegistry.Entry> kept = IndexRegistry.ofTable(c, table);
            for (String key : new ArrayList<>(open.keySet())) {
                IndexDefinition index = open.get(key).definition();
                if (index.table().equalsIgnoreCase(table) && kept.stream().noneMatch(e -> e.column().equalsIgnoreCase(index.column()))) {
                    close(open.remove(key));
                }
            }
            folders.keepOnly(table, kept);
            Optional<String> stored = storedTableName(c, table);
            if (stored.isPresent()) {
                if (!kept.isEmpty()) {
                    IdLookup.create(c, stored.get());
                }
                changes.changed(table, true);
            } else {
                changes.forget(table);
            }
        } catch (SQLException e) {
            throw new TableError("Updating the search indexes of table '" + table + "' failed: " + firstLine(e), e);
        }
    }

    /** @return the table's name as DuckDB stores it (names match case-insensitively) */
    private static Optional<String> storedTableName(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM duckdb_tables() WHERE database_name ="
                + " current_database() AND schema_name = 'main' AND NOT temporary AND lower(table_name) = lower(?)")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Schema.Column> findColumn(Schema schema, String column) {
        return schema.columns().stream().filter(c -> c.name().equalsIgnoreCase(column)).findFirst();
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "\u0000" + column.toLowerCase(Locale.ROOT);
    }

    static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static void close(OpenIndex index) {
        if (index != null) {
            index.close();
        }
    }

    /** Closes every open index. */
    @Override
    public synchronized void close() {
        open.values().forEach(OpenIndex::close);
        open.clear();
    }
}
