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
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import ai.deeplake.core.engine.DuckTableWriter.StoredColumn;
import ai.deeplake.core.index.IndexCatalog;
import ai.deeplake.core.sql.DuckDbTypes;
import ai.deeplake.core.sql.IndexCommand;
import ai.deeplake.core.sql.SqlTranslator;
import ai.deeplake.core.sql.Translation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

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
 */
public final class EmbeddedBackend implements Backend {
    /** The engine-filled stable row identity every table has. */
    public static final String ROW_ID = Sql.ROW_ID;
    private static final String DATABASE_FILE = "tables.duckdb";
    private static final Pattern WORKSPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deeplake-query-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final String workspace;
    private final Path directory;
    private final DuckDBConnection database;
    private final IndexCatalog indexes;
    private final StatementPool statements;
    private final SqlTranslator translator = new SqlTranslator();
    private final Object ddlLock = new Object();

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
        this.database = open(directory);
        this.statements = new StatementPool(database);
        try {
            this.indexes = new IndexCatalog(database, directory, (c, table) -> schema(columns(c, table)));
        } catch (SQLException | RuntimeException e) {
            try {
                database.close();
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
        try {
            return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE_FILE), config);
        } catch (SQLException e) {
            String why = e.getMessage() == null ? "" : e.getMessage();
            if (why.contains("lock")) {
                throw new WorkspaceError("Workspace '" + workspace + "' at " + dir
                        + " is in use by another process; close it there or use another root: " + firstLine(why), e);
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
        Translation t = translator.translate(sql, params);
        switch (t.kind()) {
            case CREATE_INDEX -> {
                if (t.index() == null) {
                    return execute(t, params, timeout);
                }
                IndexCommand index = t.index();
                indexes.create(index.table(), index.column(), index.name());
                return List.of();
            }
            case DROP_INDEX -> {
                if (!indexes.drop(t.index().name())) {
                    dropDuckDbIndex(t.index());
                }
                return List.of();
            }
            default -> {
                return execute(t, params, timeout);
            }
        }
    }

    private List<Row> execute(Translation t, List<Object> params, Duration timeout) {
        try (DuckDBConnection c = database.duplicate()) {
            boolean ddl = t.kind() == Translation.Kind.CREATE_TABLE || t.kind() == Translation.Kind.ALTER_TABLE
                    || t.kind() == Translation.Kind.DROP_TABLE;
            if (ddl) {
                c.setAutoCommit(false);
            }
            if (t.kind() == Translation.Kind.ALTER_TABLE) {
                indexes.beforeAlter(c, t.table());
            }
            boolean returnsRows = t.kind() == Translation.Kind.QUERY;
            List<Row> rows;
            if (t.search() != null) {
                Instant deadline = Instant.now().plus(timeout);
                int own = t.search().parameters();
                rows = new SearchExecutor(indexes, c, (sql, arguments, pooled) -> {
                    List<Object> all = arguments.isEmpty() ? params : concat(params.subList(0, own), arguments);
                    return pooled ? runPooled(sql, all, returnsRows, deadline, timeout)
                            : run(c, sql, all, returnsRows, deadline, timeout);
                }).run(t.search(), t.sql());
            } else {
                rows = run(c, t.sql(), params, returnsRows, Instant.now().plus(timeout), timeout);
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
            return rows;
        } catch (SQLException e) {
            throw new TableError(firstLine(e.getMessage()), e);
        }
    }

    /**
     * Runs one DuckDB statement with the call's parameters.
     *
     * @param deadline when the call's time is up (a search may run several statements)
     * @param timeout the call's timeout, for the message
     */
    private List<Row> run(DuckDBConnection c, String sql, List<Object> params, boolean returnsRows, Instant deadline,
            Duration timeout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Parameters.bind(c, ps, params);
            return runWithTimeout(ps, returnsRows, Duration.between(Instant.now(), deadline), timeout);
        }
    }

    /** Runs one DuckDB statement on a pooled connection, prepared once per connection (see {@link StatementPool}). */
    private List<Row> runPooled(String sql, List<Object> params, boolean returnsRows, Instant deadline, Duration timeout)
            throws SQLException {
        try (StatementPool.Lease lease = statements.lease()) {
            try {
                PreparedStatement ps = lease.prepare(sql);
                Parameters.bind(lease.connection(), ps, params);
                return runWithTimeout(ps, returnsRows, Duration.between(Instant.now(), deadline), timeout);
            } catch (SQLException | RuntimeException e) {
                lease.broken();
                throw e;
            }
        }
    }

    private static List<Object> concat(List<Object> first, List<Object> second) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * @param left the time the statement may take (cancelled after)
     * @param timeout the call's timeout, for the message
     */
    private List<Row> runWithTimeout(PreparedStatement ps, boolean returnsRows, Duration left, Duration timeout) throws SQLException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> cancel = TIMEOUTS.schedule(() -> {
            timedOut.set(true);
            try {
                ps.cancel();
            } catch (SQLException e) {
                throw new IllegalStateException("cancelling a timed-out query failed", e);
            }
        }, Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS);
        try {
            if (!returnsRows) {
                ps.execute();
                return List.of();
            }
            try (ResultSet rs = ps.executeQuery()) {
                return ResultRows.read(rs);
            }
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
        Sql.tableName(table);
        synchronized (ddlLock) {
            try (DuckDBConnection c = database.duplicate()) {
                List<StoredColumn> existing = columns(c, table);
                boolean created = existing.isEmpty();
                if (created) {
                    createTable(c, table, schema);
                } else {
                    addMissingColumns(c, table, existing, schema);
                }
                return new DuckTableWriter(database, table, columns(c, table), created, new DuckTableWriter.Listener() {
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
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(Sql.quote(table)).append(" (")
                .append(Sql.quote(ROW_ID)).append(" VARCHAR DEFAULT (uuid()::VARCHAR)");
        for (Column col : schema.columns()) {
            ddl.append(", ").append(Sql.quote(col.name())).append(' ').append(DuckDbTypes.storageType(col.type(), col.size()));
        }
        ddl.append(')');
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(ddl.toString());
        }
        for (Column col : schema.columns()) {
            comment(c, table, col);
        }
        c.commit();
    }

    /** Checks the incoming columns against the table's, adding the ones it lacks (nullable). */
    private static void addMissingColumns(Connection c, String table, List<StoredColumn> existing, Schema schema) throws SQLException {
        List<Column> missing = new ArrayList<>();
        for (Column incoming : schema.columns()) {
            Optional<Column> have = existing.stream().map(StoredColumn::column).filter(e -> e.name().equalsIgnoreCase(incoming.name())).findFirst();
            if (have.isEmpty()) {
                missing.add(incoming);
            } else if (!compatible(have.get(), incoming)) {
                throw new IngestError("Incompatible schema for table '" + table + "': column '" + incoming.name() + "' is "
                        + have.get().typeName() + " in the table but " + incoming.typeName() + " in the data");
            }
        }
        if (missing.isEmpty()) {
            return;
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
    }

    /**
     * Same kind of value (text, integer, bytes, vector...), numeric widening (integers into floats,
     * FLOAT32 into FLOAT64), and equal vector sizes where both are known.
     */
    static boolean compatible(Column table, Column data) {
        ColumnType.Kind t = table.type().kind();
        ColumnType.Kind d = data.type().kind();
        if (t == d) {
            return !(t == ColumnType.Kind.VECTOR && table.size() > 0 && data.size() > 0 && table.size() != data.size());
        }
        boolean intoFloat = t == ColumnType.Kind.FLOAT64 || t == ColumnType.Kind.FLOAT32;
        return intoFloat && (d == ColumnType.Kind.INTEGER || (t == ColumnType.Kind.FLOAT64 && d == ColumnType.Kind.FLOAT32));
    }

    @Override
    public void close() {
        try {
            statements.close();
            indexes.close();
            database.close();
        } catch (SQLException e) {
            throw new ManagedServiceError("Closing workspace '" + workspace + "' failed: " + firstLine(e.getMessage()), e);
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
