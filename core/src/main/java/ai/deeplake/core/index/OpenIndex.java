package ai.deeplake.core.index;

import ai.deeplake.api.TableError;
import java.io.IOException;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An index whose files are open, and how far it has caught up with the writes to its table. Catching
 * up is serialised per index; searches run on Lucene's searcher manager meanwhile.
 */
final class OpenIndex {
    private static final Logger LOG = LoggerFactory.getLogger(OpenIndex.class);

    /** Index work that may fail on files or SQL. */
    @FunctionalInterface
    interface IndexWork<T> {
        T call() throws IOException, SQLException;
    }

    private final IndexDefinition definition;
    private final SearchIndex lucene;
    private final ChangeLog changes;
    private final DuckDBConnection database;
    /** The table generation the index has caught up to ({@link ChangeLog}); guarded by {@code this}. */
    private long generation = -1;

    /**
     * @param changes the writes to the workspace's tables
     * @param database read (through duplicates) to catch up
     */
    OpenIndex(IndexDefinition definition, SearchIndex lucene, ChangeLog changes, DuckDBConnection database) {
        this.definition = definition;
        this.lucene = lucene;
        this.changes = changes;
        this.database = database;
    }

    IndexDefinition definition() {
        return definition;
    }

    SearchIndex lucene() {
        return lucene;
    }

    /** Catches up with the writes to the table since the last time. */
    synchronized void current() {
        ChangeLog.Pending pending = changes.since(definition.table(), generation);
        if (pending.none()) {
            generation = pending.generation();
            return;
        }
        call(() -> {
            try (DuckDBConnection c = database.duplicate()) {
                IndexSync sync = new IndexSync(c, definition, lucene);
                if (pending.whole()) {
                    log(sync.run(null, pending.valuesChanged()));
                } else {
                    for (String prefix : pending.idPrefixes()) {
                        log(sync.run(prefix, false));
                    }
                }
            }
            return null;
        });
        generation = pending.generation();
    }

    private void log(IndexSync.Result result) {
        if (result.indexed() > 0 || result.removed() > 0) {
            LOG.debug("Search index '{}': {} rows indexed, {} removed", definition.name(), result.indexed(), result.removed());
        }
    }

    /** Runs index work, turning its failures into {@link TableError}s that name the index. */
    <T> T call(IndexWork<T> work) {
        try {
            return work.call();
        } catch (IOException | SQLException e) {
            throw new TableError("Search index '" + definition.name() + "' on " + definition.table() + "."
                    + definition.column() + " failed: " + IndexCatalog.firstLine(e), e);
        } catch (IllegalArgumentException e) {
            // Lucene's word for data it cannot index, e.g. vectors of a length other than the column's.
            throw new TableError("Search index '" + definition.name() + "' on " + definition.table() + "."
                    + definition.column() + " cannot index the column: " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            lucene.close();
        } catch (IOException e) {
            LOG.warn("Closing search index '{}' failed: {}", definition.name(), e.getMessage());
        }
    }
}
