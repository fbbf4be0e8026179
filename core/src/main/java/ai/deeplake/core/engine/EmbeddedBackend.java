package ai.deeplake.core.engine;

import ai.deeplake.Row;
import ai.deeplake.api.ColumnType;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.api.TableError;
import ai.deeplake.api.WorkspaceError;
import ai.deeplake.core.Backend;
import ai.deeplake.core.BatchCursor;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.SchemaRules;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import ai.deeplake.core.engine.DuckTableWriter.StoredColumn;
import ai.deeplake.core.index.IndexCatalog;
import ai.deeplake.core.sql.DuckDbTypes;
import ai.deeplake.core.sql.IndexCommand;
import ai.deeplake.core.sql.SqlTranslator;
import ai.deeplake.core.sql.TranslationCache;
import ai.deeplake.core.sql.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

/**
 * The embedded engine: one DuckDB database file per workspace under the root folder
 * ({@code <root>/<workspace>/tables.duckdb}), queried through the {@link SqlTranslator}.
 *
 * <p>DuckDB runs with external access off, so SQL cannot read or write files, attach databases or
 * load extensions, whatever the translator lets through. Each call works on a connection of its own
 * (a duplicate of the database's first one), which is what lets ingests and queries run in parallel.
 *
 * <p>Search indexes live beside the database ({@code <root>/<workspace>/indexes/}), kept by an
 * {@link IndexCatalog} that this engine tells about every write and schema change; statements with
 * search operators run through a {@link SearchExecutor}.
 *
 * <p>Backends opened on one workspace folder within a process share its database and indexes, so
 * that each sees, and its indexes find, the others' writes; a second process opening the folder gets
 * a {@link WorkspaceError} naming the process that holds it.
 */
public final class EmbeddedBackend implements Backend {
    /** The engine-filled stable row identity every table has. */
    public static final String ROW_ID = Sql.ROW_ID;
    private static final String DATABASE_FILE = "tables.duckdb";
    /** How DuckDB names the process holding a database file's lock: "Conflicting lock is held in ... (PID 123)". */
    private static final Pattern LOCK_HOLDER = Pattern.compile("\\(PID (\\d+)\\)");
    private static final Pattern WORKSPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deeplake-query-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final String workspace;
    private final Path directory;
    /** The workspaces open in this process, by folder; guards their {@link Shared#users}. */
    private static final Map<Path, Shared> OPEN = new HashMap<>();

    private final Path key;
    private final Shared shared;
    private final DuckDBConnection database;
    private final IndexCatalog indexes;
    private final StatementPool statements;
    private final TranslationCache translations;
    private final SqlTranslator translator = new SqlTranslator();
    /** Serialises table creation and schema changes among the workspace's backends in this process. */
    private final Object ddlLock;
    /** Guarded by {@link #OPEN}. */
    private boolean closed;

    /** Opens (creating when needed) the workspace's database under {@code root}. */
    public EmbeddedBackend(Path root, String workspace) {
        if (workspace == null || !WORKSPACE_NAME.matcher(workspace).matches()) {
            throw new WorkspaceError("Invalid workspace name '" + workspace + "': use letters, digits, '_', '-' and '.'");
        }
        this.workspace = workspace;
        this.directory = root.resolve(workspace);
        try {
            Files.createDirectories(directory.resolve(".tmp"));
        } catch (IOException e) {
            throw new WorkspaceError("No storage path: cannot create workspace folder " + directory + ": " + e.getMessage(), e);
        }
        this.key = directory.toAbsolutePath().normalize();
        synchronized (OPEN) {
            Shared existing = OPEN.get(key);
            this.shared = existing != null ? existing : openShared();
            shared.users++;
            OPEN.put(key, shared);
        }
        this.database = shared.database;
        this.indexes = shared.indexes;
        this.statements = shared.statements;
        this.translations = shared.translations;
        this.ddlLock = shared;
    }

    /**
     * What the backends of one workspace folder share within the process: the database, its search
     * indexes, the pool of prepared search statements and the cache of translations. DuckDB would let
     * a second open of the file in this process share its data, but a second index catalog would
     * neither hear of the other's writes (its indexes would answer without them) nor open the index
     * files the first holds.
     */
    private static final class Shared {
        final DuckDBConnection database;
        final IndexCatalog indexes;
        final StatementPool statements;
        final TranslationCache translations = new TranslationCache();
        /** Backends open on it; guarded by {@link #OPEN}. */
        int users;

        Shared(DuckDBConnection database, IndexCatalog indexes) {
            this.database = database;
            this.indexes = indexes;
            this.statements = new StatementPool(database);
        }
    }

    private Shared openShared() {
        DuckDBConnection opened = open(directory);
        try {
            return new Shared(opened, new IndexCatalog(opened, directory, (c, table) -> schema(columns(c, table))));
        } catch (SQLException | RuntimeException e) {
            try {
                opened.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw new WorkspaceError("Workspace '" + workspace + "' at " + directory + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private DuckDBConnection open(Path dir) {
        Properties config = new Properties();
        config.setProperty("enable_external_access", "false");
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        config.setProperty("temp_directory", dir.resolve(".tmp").toString());
        // Measured (bench/, DuckDB 2.0, 384-d vectors): the default 16 MB checkpoint threshold
        // rewrites the table every few thousand rows (3.5x slower ingest), and compressing random
        // floats saves ~7% space but makes a full vector scan 2.8x slower. Neither is stored in the
        // file, so they are set on every open.
        config.setProperty("checkpoint_threshold", "1GB");
        config.setProperty("force_compression", "uncompressed");
        // Results are read as they are produced, so a scan of a large table streams (Dataset.batches).
        config.setProperty("jdbc_stream_results", "true");
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE_FILE), config);
        } catch (SQLException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            if (why.contains("lock")) {
                Matcher pid = LOCK_HOLDER.matcher(why);
                throw new WorkspaceError("Workspace '" + workspace + "' at " + dir + " is in use by another process"
                        + (pid.find() ? " (pid " + pid.group(1) + ")" : "") + "; close it there or use another root", e);
            }
            throw new WorkspaceError("Workspace '" + workspace + "' at " + dir + " cannot be opened: " + firstLine(why), e);
        }
    }

    @Override
    public String workspace() {
        return workspace;
    }

    /** @return the workspace folder (the database file and the {@code indexes/} folder live here) */
    public Path directory() {
        return directory;
    }

    @Override
    public List<Row> query(String sql, List<Object> params, Duration timeout) {
        try (StatementResult result = execute(sql, params, timeout)) {
            return result.remainingRows();
        }
    }

    /**
     * Runs one statement like {@link #query}, but hands back its result open: column names and types
     * even when there are no rows, rows read one at a time, or the count of rows changed. The timeout
     * covers running the statement; reading the rows it produced is not cut short.
     *
     * @return the result, to be closed by the caller
     */
    public StatementResult execute(String sql, List<Object> params, Duration timeout) {
        Translation t = translations.translate(sql, params);
        switch (t.kind()) {
            case CREATE_INDEX -> {
                if (t.index() == null) {
                    return run(t, params, timeout);
                }
                IndexCommand index = t.index();
                indexes.create(index.table(), index.column(), index.name());
                return StatementResult.changed(0);
            }
            case DROP_INDEX -> {
                if (!indexes.drop(t.index().name())) {
                    dropDuckDbIndex(t.index());
                }
                return StatementResult.changed(0);
            }
            default -> {
                return run(t, params, timeout);
            }
        }
    }

    /**
     * Runs a translated statement on a connection of its own: through a {@link SearchExecutor} when it
     * has a search plan (which may run several statements within the timeout), else as it is.
     */
    private StatementResult run(Translation t, List<Object> params, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        DuckDBConnection c = null;
        try {
            c = database.duplicate();
            boolean ddl = t.kind() == Translation.Kind.CREATE_TABLE || t.kind() == Translation.Kind.ALTER_TABLE
                    || t.kind() == Translation.Kind.DROP_TABLE;
            if (t.kind() == Translation.Kind.ALTER_TABLE) {
                indexes.beforeAlter(c, t.table());
            }
            if (ddl) {
                c.setAutoCommit(false);
            }
            DuckDBConnection connection = c;
            boolean returnsRows = t.kind() == Translation.Kind.QUERY;
            StatementResult result;
            if (t.search() == null) {
                result = runOne(connection, t.sql(), returnsRows, params, deadline, timeout);
            } else {
                // Only a plain query may leave the statement's connection: a write or DDL stays in its transaction.
                boolean poolable = returnsRows && t.write() == null;
                int own = t.search().parameters();
                result = new SearchExecutor(indexes, c).run(t.search(), t.sql(), (sql, arguments, pooled) -> {
                    List<Object> all = arguments.isEmpty() ? params : concat(params.subList(0, own), arguments);
                    return pooled && poolable ? runPooled(sql, all, deadline, timeout)
                            : runOne(connection, sql, returnsRows, all, deadline, timeout);
                });
            }
            if (ddl) {
                recordDdl(c, t);
                c.commit();
                if (t.kind() != Translation.Kind.CREATE_TABLE) {
                    indexes.settle(t.table());
                }
            }
            if (t.write() != null) {
                indexes.changed(t.write().table(), t.write().updatesValues());
            }
            if (result.hasRows()) {
                // The rows are read after this returns, and the temporary tables of a search with them.
                result.alsoClose(c);
            } else {
                c.close();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            if (t.kind() == Translation.Kind.ALTER_TABLE) {
                try {
                    indexes.settle(t.table());
                } catch (RuntimeException settling) {
                    e.addSuppressed(settling);
                }
            }
            throw e instanceof SQLException sql ? new TableError(firstLine(sql.getMessage()), sql) : (RuntimeException) e;
        }
    }

    /**
     * Runs one DuckDB statement with the call's parameters.
     *
     * @param deadline when the call's time is up (a search may run several statements)
     * @param timeout the call's timeout, for the message
     * @return its result, which closes the statement but not the connection
     */
    private static StatementResult runOne(DuckDBConnection c, String sql, boolean returnsRows, List<Object> params,
            Instant deadline, Duration timeout) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            Parameters.bind(c, ps, params);
            if (returnsRows) {
                return query(ps, deadline, timeout, ps);
            }
            long changed = withTimeout(ps, deadline, timeout, () -> {
                ps.execute();
                return (long) ps.getUpdateCount();
            });
            ps.close();
            return StatementResult.changed(changed);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps);
            throw e;
        }
    }

    /**
     * Runs one query on a pooled connection, prepared once per connection (see {@link StatementPool}).
     *
     * @return its result, which gives the connection back to the pool when closed
     */
    private StatementResult runPooled(String sql, List<Object> params, Instant deadline, Duration timeout)
            throws SQLException {
        StatementPool.Lease lease = statements.lease();
        try {
            PreparedStatement ps = lease.prepare(sql);
            Parameters.bind(lease.connection(), ps, params);
            return query(ps, deadline, timeout, lease);
        } catch (SQLException | RuntimeException e) {
            lease.broken();
            lease.close();
            throw e;
        }
    }

    /**
     * Executes a prepared query whose parameters are bound. Its rows are read from DuckDB's data
     * chunks when every column's type allows ({@link ChunkRows#getters}), else through JDBC.
     *
     * @param deadline when the call's time is up, or null for no limit
     * @param resources what the result closes after its rows (the statement, its connection)
     */
    private static StatementResult query(PreparedStatement ps, Instant deadline, Duration timeout, AutoCloseable... resources)
            throws SQLException {
        ResultSetMetaData md = ps.getMetaData();
        Optional<ChunkRows.Getter[]> getters = ChunkRows.getters(md);
        RowSource rows = getters.isPresent()
                ? new ChunkRows(withTimeout(ps, deadline, timeout, ps.unwrap(DuckDBPreparedStatement.class)::query), md, getters.get())
                : new JdbcRows(withTimeout(ps, deadline, timeout, ps::executeQuery));
        return StatementResult.rows(rows, resources);
    }

    private static List<Object> concat(List<Object> first, List<Object> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * Runs one INSERT, UPDATE or DELETE once for every parameter row, in one transaction: every row
     * is applied or none is. This is the bulk-insert path of remote ingest, so a single-row
     * {@code INSERT ... VALUES} with plain values runs as one statement over the rows staged in a
     * temporary table ({@link StagedBatch}); anything else runs row by row, translated and prepared
     * once per distinct parameter shape (see {@link SqlTranslator#translationKey}).
     *
     * @param timeout for the whole batch
     * @return the number of rows changed in total
     * @throws TableError for another kind of statement, or when a row fails (naming it, counted
     *     from 0, when the batch ran row by row); nothing of the batch is then applied
     */
    public long executeBatch(String sql, List<List<Object>> paramRows, Duration timeout) {
        if (paramRows.isEmpty()) {
            return 0;
        }
        Optional<List<String>> stageTypes = StagedBatch.columnTypes(paramRows);
        Optional<Translation> staged = stageTypes.isEmpty() ? Optional.empty()
                : translator.translateFromStage(sql, StagedBatch.representative(paramRows), StagedBatch.TABLE);
        if (staged.isPresent()) {
            return executeStaged(staged.get(), stageTypes.get(), paramRows, timeout);
        }
        return executeRowByRow(sql, paramRows, timeout);
    }

    private long executeStaged(Translation insert, List<String> stageTypes, List<List<Object>> paramRows, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (DuckDBConnection c = database.duplicate()) {
            c.setAutoCommit(false);
            try {
                StagedBatch.stage(c, stageTypes, paramRows);
                try (PreparedStatement ps = c.prepareStatement(insert.sql())) {
                    long changed = withTimeout(ps, deadline, timeout, () -> {
                        ps.execute();
                        return (long) ps.getUpdateCount();
                    });
                    c.commit();
                    indexes.changed(insert.write().table(), insert.write().updatesValues());
                    return changed;
                }
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new TableError("The batch failed, so none of its rows was applied: " + firstLine(e.getMessage()), e);
        }
    }

    private long executeRowByRow(String sql, List<List<Object>> paramRows, Duration timeout) {
        Translation first = batchStatement(sql, paramRows.get(0));
        Map<Object, PreparedStatement> prepared = new HashMap<>();
        AtomicReference<PreparedStatement> running = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> cancel = TIMEOUTS.schedule(() -> {
            timedOut.set(true);
            cancelQuietly(running.get());
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        // -1 while preparing the statement, whose errors are no row's fault.
        int row = -1;
        try (DuckDBConnection c = database.duplicate()) {
            c.setAutoCommit(false);
            try {
                prepared.put(translator.translationKey(paramRows.get(0)), c.prepareStatement(first.sql()));
                long total = 0;
                for (row = 0; row < paramRows.size() && !timedOut.get(); row++) {
                    List<Object> params = paramRows.get(row);
                    Object key = translator.translationKey(params);
                    PreparedStatement ps = prepared.get(key);
                    if (ps == null) {
                        ps = c.prepareStatement(batchStatement(sql, params).sql());
                        prepared.put(key, ps);
                    }
                    Parameters.bind(c, ps, params);
                    running.set(ps);
                    ps.execute();
                    total += Math.max(0, ps.getUpdateCount());
                }
                if (timedOut.get()) {
                    throw new SQLException("cancelled between rows");
                }
                c.commit();
                indexes.changed(first.write().table(), first.write().updatesValues());
                return total;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                closeQuietly(prepared.values().toArray(new AutoCloseable[0]));
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new TableError("Query timed out after " + describe(timeout) + " in row " + row
                        + " of the batch; nothing of it was applied. Send smaller batches or increase the timeout", e);
            }
            throw new TableError(inRow(row) + firstLine(e.getMessage()), e);
        } catch (TableError e) {
            throw row < 0 ? e : new TableError(inRow(row) + e.getMessage(), e);
        } finally {
            cancel.cancel(false);
        }
    }

    private static String inRow(int row) {
        return row < 0 ? "" : "Row " + row + " of the batch failed, so none was applied: ";
    }

    /**
     * @return the statement for one row of a batch
     * @throws TableError unless it is an INSERT, UPDATE or DELETE without RETURNING and without a
     *     search that needs the engine's indexes (which runs one statement at a time)
     */
    private Translation batchStatement(String sql, List<Object> params) {
        Translation t = translations.translate(sql, params);
        if (t.kind() != Translation.Kind.UPDATE) {
            throw new TableError("A batch runs one INSERT, UPDATE or DELETE (without RETURNING) for every parameter row;"
                    + " run other statements one at a time");
        }
        if (t.search() != null) {
            throw new TableError("A batch cannot run a statement with BM25 or hybrid search (<#> on text);"
                    + " run it one row at a time");
        }
        return t;
    }

    /** Work that a timeout may cancel; what a JDBC call returns. */
    private interface Cancellable<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work}, cancelling {@code ps} at {@code deadline}.
     *
     * @param timeout the call's timeout, for the message
     */
    private static <T> T withTimeout(PreparedStatement ps, Instant deadline, Duration timeout, Cancellable<T> work)
            throws SQLException {
        if (deadline == null) {
            return work.run();
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> cancel = TIMEOUTS.schedule(() -> {
            timedOut.set(true);
            cancelQuietly(ps);
        }, Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
        try {
            return work.run();
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw new TableError("Query timed out after " + describe(timeout)
                        + "; increase the timeout: client.query(sql, params, Duration.ofMinutes(5))", e);
            }
            throw e;
        } finally {
            cancel.cancel(false);
        }
    }

    private static void cancelQuietly(PreparedStatement ps) {
        if (ps == null) {
            return;
        }
        try {
            ps.cancel();
        } catch (SQLException e) {
            // The statement finished or closed meanwhile: nothing is left to cancel.
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // Closing the connection discards the transaction anyway; the failure that led here is reported.
        }
    }

    private static void closeQuietly(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                // Closing after a failure or a finished statement: the original outcome is what counts.
            }
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Keeps the engine's bookkeeping in step with DDL run through SQL, in the same transaction. */
    private void recordDdl(Connection c, Translation t) throws SQLException {
        if (t.kind() == Translation.Kind.DROP_TABLE) {
            indexes.removeTable(c, t.table());
            return;
        }
        if (t.kind() == Translation.Kind.ALTER_TABLE) {
            indexes.afterAlter(c, t.table());
        }
        for (Map.Entry<String, ColumnType> e : t.domainTypes().entrySet()) {
            comment(c, t.table(), new Column(e.getKey(), e.getValue(), 0));
        }
    }

    private static void comment(Connection c, String table, Column column) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMENT ON COLUMN " + Sql.quote(table) + "." + Sql.quote(column.name()) + " IS '" + DuckTypes.comment(column) + "'");
        }
    }

    @Override
    public BatchCursor scan(String sql, List<Object> params, int batchSize) {
        Translation t = translations.translate(sql, params);
        if (t.kind() != Translation.Kind.QUERY) {
            throw new TableError("Only a query can be scanned in batches, not: " + sql);
        }
        DuckDBConnection c = null;
        PreparedStatement ps = null;
        try {
            c = database.duplicate();
            if (t.search() != null) {
                // Scanned exactly, its text searches' scores in temporary tables on the scan's connection.
                new SearchExecutor(indexes, c).scoreTexts(t.search());
            }
            ps = c.prepareStatement(t.sql());
            Parameters.bind(c, ps, params);
            return new ResultBatches(query(ps, null, null, ps, c), batchSize);
        } catch (SQLException e) {
            TableError error = new TableError(firstLine(e.getMessage()), e);
            closeAll(error, ps, c);
            throw error;
        }
    }

    private static void closeAll(Exception cause, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (Exception e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    @Override
    public List<String> listTables() {
        try (DuckDBConnection c = database.duplicate(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                        + " AND schema_name = 'main' AND NOT internal AND NOT temporary AND table_name NOT LIKE '\\_deeplake\\_%' ESCAPE '\\'"
                        + " ORDER BY table_name")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new TableError("Listing tables failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void dropTable(String table, boolean ifExists) {
        Sql.tableName(table);
        synchronized (ddlLock) {
            try (DuckDBConnection c = database.duplicate()) {
                if (columns(c, table).isEmpty()) {
                    if (ifExists) {
                        return;
                    }
                    throw new TableError("Table '" + table + "' does not exist");
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + Sql.quote(table));
                }
                recordDdl(c, new Translation(Translation.Kind.DROP_TABLE, null, table, Map.of(), null));
                c.commit();
                indexes.settle(table);
            } catch (SQLException e) {
                throw new TableError("Dropping table '" + table + "' failed: " + firstLine(e.getMessage()), e);
            }
        }
    }

    @Override
    public void createIndex(String table, String column) {
        indexes.create(table, column, null);
    }

    /** Drops a plain DuckDB index ({@code CREATE INDEX} without {@code USING deeplake_index}) by name. */
    private void dropDuckDbIndex(IndexCommand index) {
        try (DuckDBConnection c = database.duplicate();
                PreparedStatement exists = c.prepareStatement("SELECT count(*) FROM duckdb_indexes() WHERE index_name = ?")) {
            exists.setString(1, index.name());
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP INDEX " + Sql.quote(index.name()));
                    }
                    return;
                }
            }
            if (!index.ifExists()) {
                throw new TableError("Index '" + index.name() + "' does not exist");
            }
        } catch (SQLException e) {
            throw new TableError("Dropping index '" + index.name() + "' failed: " + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public Optional<Schema> tableSchema(String table) {
        try (DuckDBConnection c = database.duplicate()) {
            return schema(columns(c, table));
        } catch (SQLException e) {
            throw new TableError("Reading the schema of table '" + table + "' failed: " + firstLine(e.getMessage()), e);
        }
    }

    /** @return the Deeplake columns of stored ones, without {@code _id}; empty when there are none (no table) */
    private static Optional<Schema> schema(List<StoredColumn> stored) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Schema.Builder b = Schema.builder();
        stored.stream().filter(s -> !s.isRowId()).forEach(s -> b.add(s.column().name(), s.column().type(), s.column().size()));
        return Optional.of(b.build());
    }

    /** @return the table's columns in storage order, empty when there is no such table */
    private static List<StoredColumn> columns(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, comment FROM duckdb_columns()"
                + " WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ? ORDER BY column_index")) {
            ps.setString(1, table);
            List<StoredColumn> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String duckType = rs.getString(2);
                    out.add(new StoredColumn(DuckTypes.column(rs.getString(1), duckType, rs.getString(3)), duckType));
                }
            }
            return out;
        }
    }

    @Override
    public TableWriter openWriter(String table, Schema schema) {
        return openWriter(table, schema, new RowIds(), 0);
    }

    /**
     * Opens a writer that continues an ingest begun elsewhere: a client sending one block of its
     * rows to the server, whose ids it numbers itself.
     *
     * @param ids the ingest's row ids
     * @param firstRow the number, within the ingest, of the first row this writer writes
     */
    public TableWriter openWriter(String table, Schema schema, RowIds ids, long firstRow) {
        Sql.tableName(table);
        synchronized (ddlLock) {
            try (DuckDBConnection c = database.duplicate()) {
                List<StoredColumn> existing = columns(c, table);
                boolean created = existing.isEmpty();
                List<String> added = List.of();
                if (created) {
                    createTable(c, table, schema);
                } else {
                    added = addMissingColumns(c, table, existing, schema);
                }
                return new DuckTableWriter(database, table, columns(c, table), created, added, ids, firstRow, new DuckTableWriter.Listener() {
                    @Override
                    public void committed(String idPrefix) {
                        indexes.appended(table, idPrefix);
                    }

                    @Override
                    public void undone() {
                        indexes.changed(table, false);
                    }
                });
            } catch (SQLException e) {
                throw new IngestError("Table creation failed for '" + table + "': " + firstLine(e.getMessage()), e);
            }
        }
    }

    private static void createTable(Connection c, String table, Schema schema) throws SQLException {
        // _id goes last, as CREATE TABLE through SQL puts it, so the data's columns keep their positions.
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(Sql.quote(table)).append(" (");
        for (Column col : schema.columns()) {
            ddl.append(Sql.quote(col.name())).append(' ').append(DuckDbTypes.storageType(col.type(), col.size())).append(", ");
        }
        ddl.append(Sql.quote(ROW_ID)).append(" VARCHAR DEFAULT (uuid()::VARCHAR))");
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
        for (Column col : schema.columns()) {
            comment(c, table, col);
        }
        c.commit();
    }

    /**
     * Checks the incoming columns against the table's, adding the ones it lacks (nullable).
     *
     * @return the names of the columns added
     */
    private static List<String> addMissingColumns(Connection c, String table, List<StoredColumn> existing, Schema schema)
            throws SQLException {
        List<Column> missing = SchemaRules.checkAppend(table, existing.stream().map(StoredColumn::column).toList(), schema);
        if (missing.isEmpty()) {
            return List.of();
        }
        c.setAutoCommit(false);
        for (Column col : missing) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + Sql.quote(table) + " ADD COLUMN " + Sql.quote(col.name()) + " "
                        + DuckDbTypes.storageType(col.type(), col.size()));
            }
            comment(c, table, col);
        }
        c.commit();
        return missing.stream().map(Column::name).toList();
    }

    /** Lets go of the workspace; the last backend open on it in this process closes its database and indexes. */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.users > 0) {
                return;
            }
            OPEN.remove(key);
            try {
                statements.close();
                indexes.close();
                database.close();
            } catch (SQLException e) {
                throw new ManagedServiceError("Closing workspace '" + workspace + "' failed: " + firstLine(e.getMessage()), e);
            }
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
