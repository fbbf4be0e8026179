package ai.deeplake;

import ai.deeplake.api.AuthError;
import ai.deeplake.api.TableError;
import ai.deeplake.core.Backend;
import ai.deeplake.core.Sql;
import ai.deeplake.core.engine.EmbeddedBackend;
import ai.deeplake.core.ingest.Ingestor;
import ai.deeplake.core.plugin.PluginHost;
import ai.deeplake.core.remote.RemoteBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;

/**
 * The Deeplake client: ingest files, column data and datasets into tables, and query them with SQL.
 *
 * <p>With no API URL (none given and no {@code DEEPLAKE_API_URL}) the client is <em>embedded</em>: the
 * tables live in a local folder ({@code DEEPLAKE_ROOT}, default {@code ~/.deeplake}), one database per
 * workspace, with no server and no token. With an API URL it is <em>remote</em>: the same calls go to
 * a Deeplake REST API ({@code deeplake serve}, or the hosted service) with a token
 * ({@code DEEPLAKE_API_KEY}). Results and errors are the same in both modes; only the
 * {@link Backend} differs.
 *
 * <pre>{@code
 * try (Client client = Client.create()) {
 *     client.ingest("docs", Map.of("path", List.of("a.txt", "b.pdf")),
 *             IngestOptions.builder().schema(Map.of("path", "FILE")).build());
 *     List<Row> rows = client.query("SELECT text FROM docs WHERE text @> $1", "keyword");
 * }
 * }</pre>
 *
 * A client is thread-safe; close it to release the workspace's database.
 */
public final class Client implements AutoCloseable {
    /** The seed's default query timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Backend backend;
    private final OkHttpClient http;
    private final List<Path> pluginRoots;
    private final Ingestor ingestor;
    private PluginHost plugins;

    /** An embedded or remote client configured from the environment and defaults, like {@link #create()}. */
    public Client() {
        this(builder());
    }

    private Client(Builder b) {
        Map<String, String> env = b.env;
        String apiUrl = first(b.apiUrl, env.get("DEEPLAKE_API_URL"));
        String workspace = first(b.workspace, env.get("DEEPLAKE_WORKSPACE"), "default");
        Path root = Path.of(first(b.root == null ? null : b.root.toString(), env.get("DEEPLAKE_ROOT"),
                Path.of(System.getProperty("user.home"), ".deeplake").toString()));
        if (apiUrl != null) {
            String token = first(b.token, env.get("DEEPLAKE_API_KEY"));
            if (token == null) {
                throw new AuthError("Token required: pass token(...) to the builder or set DEEPLAKE_API_KEY");
            }
            this.http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ZERO).build();
            this.backend = new RemoteBackend(http, apiUrl, token, workspace, b.orgId);
        } else {
            this.http = null;
            this.backend = new EmbeddedBackend(root, workspace);
        }
        this.pluginRoots = b.pluginDirs.isEmpty() ? PluginHost.defaultRoots(env.get("DEEPLAKE_PLUGINS")) : List.copyOf(b.pluginDirs);
        this.ingestor = new Ingestor(backend, this::plugins, null, huggingFaceDefaults(root, env));
    }

    /**
     * What the {@code huggingface} format gets unless the caller says otherwise: a download cache under
     * the root (in both modes: downloads happen where the client runs) and the client's {@code HF_ENDPOINT}
     * and {@code HF_TOKEN}, so that an app or test that configures the client's environment configures
     * the Hub too.
     */
    private static Map<String, String> huggingFaceDefaults(Path root, Map<String, String> env) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("cacheDir", root.resolve("cache").resolve("huggingface").toString());
        if (first(env.get("HF_ENDPOINT")) != null) {
            defaults.put("endpoint", env.get("HF_ENDPOINT"));
        }
        if (first(env.get("HF_TOKEN")) != null) {
            defaults.put("token", env.get("HF_TOKEN"));
        }
        return defaults;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    /** @return a client configured from the environment ({@code DEEPLAKE_API_URL}, {@code DEEPLAKE_API_KEY}, {@code DEEPLAKE_ROOT}) and defaults */
    public static Client create() {
        return builder().build();
    }

    /** @return a builder for an explicitly configured client */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the workspace this client works in */
    public String workspace() {
        return backend.workspace();
    }

    /**
     * Ingests column data ({@code {"text": [...], "embedding": [...]}}) with inferred types, or a
     * HuggingFace dataset ({@code {"_huggingface": "name"}}).
     */
    public IngestResult ingest(String table, Map<String, ?> data) {
        return ingest(table, data, IngestOptions.defaults());
    }

    /**
     * Ingests into a table, creating it when it does not exist and appending when it does. With
     * {@code options.format()} set, {@code data} is ignored; with a FILE column in
     * {@code options.schema()}, the column's paths are cut into rows by the chunker plugins.
     *
     * @throws ai.deeplake.api.IngestError on bad input, a missing file or plugin, or an incompatible
     *     schema; nothing of the call is then left in the table
     */
    public IngestResult ingest(String table, Map<String, ?> data, IngestOptions options) {
        return ingestor.ingest(table, data, Objects.requireNonNull(options, "options"));
    }

    /** Ingests what {@code options.format()} yields. */
    public IngestResult ingest(String table, IngestOptions options) {
        return ingest(table, null, options);
    }

    /**
     * Makes an installed format by its id, e.g. {@code client.format("coco", Map.of("images", "train2017"))},
     * to pass to {@link IngestOptions.Builder#format}.
     *
     * @throws ai.deeplake.api.IngestError naming the plugin to install when the format is missing
     */
    public ai.deeplake.api.Format format(String id, Map<String, String> options) {
        return ingestor.format(id, options);
    }

    /** Runs SQL with {@code $1..$n} parameters and the default 60 s timeout. */
    public List<Row> query(String sql, Object... params) {
        return query(sql, params == null ? List.of() : Arrays.asList(params), DEFAULT_TIMEOUT);
    }

    /**
     * Runs SQL with {@code $1..$n} parameters; a query still running at {@code timeout} is cancelled
     * and fails with {@link TableError} ("Query timed out ...").
     */
    public List<Row> query(String sql, List<?> params, Duration timeout) {
        checkQuery(sql, timeout);
        return backend.query(sql, params == null ? List.of() : new ArrayList<>(params), timeout);
    }

    /** Runs SQL without blocking: embedded work on {@code blocking}, remote calls on OkHttp's own threads. */
    CompletableFuture<List<Row>> queryAsync(String sql, List<?> params, Duration timeout, Executor blocking) {
        try {
            checkQuery(sql, timeout);
        } catch (TableError e) {
            return CompletableFuture.failedFuture(e);
        }
        return backend.queryAsync(sql, params == null ? List.of() : new ArrayList<>(params), timeout, blocking);
    }

    private static void checkQuery(String sql, Duration timeout) {
        if (sql == null || sql.isBlank()) {
            throw new TableError("Query must not be empty");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new TableError("Query timeout must be positive, got " + timeout);
        }
    }

    /** @return a fluent query on {@code table} */
    public QueryBuilder table(String table) {
        return new QueryBuilder(this, table);
    }

    /**
     * Opens a table for training and streaming: random access, columnar batches, views, shuffling.
     *
     * @throws TableError when the table does not exist
     */
    public Dataset openTable(String table) {
        if (backend.tableSchema(Sql.tableName(table)).isEmpty()) {
            throw new TableError("Table '" + table + "' does not exist");
        }
        return new Dataset(this, table);
    }

    Backend backend() {
        return backend;
    }

    /** @return the workspace's table names, sorted */
    public List<String> listTables() {
        return backend.listTables();
    }

    /** Drops a table if it exists. */
    public void dropTable(String table) {
        dropTable(table, true);
    }

    /** Drops a table; with {@code ifExists} false, a missing table is a {@link TableError}. */
    public void dropTable(String table, boolean ifExists) {
        backend.dropTable(Sql.tableName(table), ifExists);
    }

    /**
     * Creates a {@code deeplake_index} on an EMBEDDING (vector search) or TEXT (BM25) column; a no-op
     * when it exists, a {@link TableError} for other column types.
     */
    public void createIndex(String table, String column) {
        backend.createIndex(Sql.tableName(table), column);
    }

    private synchronized PluginHost plugins() {
        if (plugins == null) {
            plugins = new PluginHost(pluginRoots);
        }
        return plugins;
    }

    /** Releases the workspace's database and the loaded plugins. */
    @Override
    public synchronized void close() {
        try {
            backend.close();
        } finally {
            if (plugins != null) {
                plugins.close();
            }
            if (http != null) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    /** Configures a {@link Client}; anything not set comes from the environment, then the defaults. */
    public static final class Builder {
        private String token;
        private String workspace;
        private String apiUrl;
        private Path root;
        private String orgId;
        private final List<Path> pluginDirs = new ArrayList<>();
        private Map<String, String> env = System.getenv();

        private Builder() {}

        /** API token (a JWT carrying {@code org_id}); falls back to {@code DEEPLAKE_API_KEY}. Remote mode only. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** Workspace; falls back to {@code DEEPLAKE_WORKSPACE}, then {@code "default"}. */
        public Builder workspace(String workspace) {
            this.workspace = workspace;
            return this;
        }

        /** Server URL: setting it (or {@code DEEPLAKE_API_URL}) selects remote mode. */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = apiUrl;
            return this;
        }

        /** Embedded mode's root folder; falls back to {@code DEEPLAKE_ROOT}, then {@code ~/.deeplake}. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** Embedded mode's root folder. */
        public Builder root(String root) {
            return root(Path.of(root));
        }

        /** Organization id for remote mode; wins over the token's claim. */
        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        /** Plugin folders to load chunkers and formats from, instead of {@code DEEPLAKE_PLUGINS} and the defaults. */
        public Builder pluginsDir(Path... dirs) {
            pluginDirs.addAll(Arrays.asList(dirs));
            return this;
        }

        /** Replaces the environment read for fallbacks (for tests and embedding apps). */
        Builder env(Map<String, String> env) {
            this.env = Map.copyOf(env);
            return this;
        }

        /** @return the configured client */
        public Client build() {
            return new Client(this);
        }
    }
}
