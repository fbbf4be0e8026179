package ai.deeplake.core.remote;

import ai.deeplake.Row;
import ai.deeplake.api.AuthError;
import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.api.Schema;
import ai.deeplake.api.Schema.Column;
import ai.deeplake.api.TableError;
import ai.deeplake.core.Backend;
import ai.deeplake.core.RowIds;
import ai.deeplake.core.BatchCursor;
import ai.deeplake.core.SchemaRules;
import ai.deeplake.core.Sql;
import ai.deeplake.core.TableWriter;
import ai.deeplake.core.remote.HttpErrors.Subject;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote mode: the tables live behind a Deeplake REST API (our {@code deeplake serve}, or the hosted
 * service), reached with OkHttp. SQL goes to {@code /tables/query}; ingest creates the table through
 * {@code POST /tables} and sends parameterised INSERTs through {@code /tables/query/batch}, the path
 * that works on any pg_deeplake-backed service, or binary frames to our own server when its
 * {@code /me} offers {@value FrameCodec#INGEST_CAPABILITY}.
 */
public final class RemoteBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteBackend.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);
    /** The client's own read timeout comes on top of the server's deadline, so the server's error arrives first. */
    private static final Duration NETWORK_MARGIN = Duration.ofSeconds(5);

    private final ApiClient api;
    private final String workspace;
    /** {@code /me}'s answer, asked for once when needed. */
    private volatile JsonNode me;

    /**
     * @param orgId the organization to act for; null to read it from the token, then from {@code /me}
     * @throws AuthError when no organization can be found
     */
    public RemoteBackend(OkHttpClient http, String apiUrl, String token, String workspace, String orgId) {
        this.api = new ApiClient(http, apiUrl, token);
        this.workspace = workspace;
        api.orgId(orgId != null ? orgId : Tokens.orgId(token).orElseGet(this::orgFromMe));
    }

    private JsonNode me() {
        if (me == null) {
            me = api.send(new ApiCall("GET", "/me", null, Subject.OTHER, true, METADATA_TIMEOUT));
        }
        return me;
    }

    /**
     * Whether the server takes ingest as binary frames: our own server says so in {@code /me}'s
     * {@code capabilities}; the hosted API lists none, and ingest then takes the INSERT path.
     */
    private boolean takesFrames() {
        JsonNode answer;
        try {
            answer = me();
        } catch (AuthError e) {
            throw e;
        } catch (ManagedServiceError e) {
            // A service without /me offers nothing beyond the hosted API: the INSERT path works on all.
            LOG.debug("{}/me did not answer ({}); ingesting through /tables/query/batch", api.baseUrl(), e.getMessage());
            return false;
        }
        for (JsonNode capability : answer.path("capabilities")) {
            if (FrameCodec.INGEST_CAPABILITY.equals(capability.asText())) {
                return true;
            }
        }
        return false;
    }

    private String orgFromMe() {
        JsonNode me;
        try {
            me = me();
        } catch (AuthError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuthError("Token does not contain org_id, and " + api.baseUrl() + "/me did not answer: " + e.getMessage(), e);
        }
        JsonNode orgs = me.path("organizations");
        if (orgs.isArray() && !orgs.isEmpty()) {
            JsonNode first = orgs.get(0);
            String id = first.isObject() ? first.path("id").asText(first.path("org_id").asText("")) : first.asText("");
            if (!id.isBlank()) {
                return id;
            }
        }
        throw new AuthError("Token does not contain org_id");
    }

    @Override
    public String workspace() {
        return workspace;
    }

    private String tablesPath() {
        return "/workspaces/" + workspace + "/tables";
    }

    @Override
    public List<Row> query(String sql, List<Object> params, Duration timeout) {
        return rows(api.send(queryCall(sql, params, timeout)));
    }

    @Override
    public CompletableFuture<List<Row>> queryAsync(String sql, List<Object> params, Duration timeout, Executor blocking) {
        return api.sendAsync(queryCall(sql, params, timeout)).thenApply(RemoteBackend::rows);
    }

    private ApiCall queryCall(String sql, List<Object> params, Duration timeout) {
        RemoteParams wire = RemoteParams.of(sql, params);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", wire.sql());
        body.put("params", wire.params());
        if (!timeout.equals(DEFAULT_QUERY_TIMEOUT)) {
            body.put("timeout_ms", timeout.toMillis());
        }
        return new ApiCall("POST", tablesPath() + "/query", body, Subject.QUERY, isReadOnly(sql), timeout.plus(NETWORK_MARGIN));
    }

    /** A statement that only reads may be sent again after a connection failure. */
    private static boolean isReadOnly(String sql) {
        String head = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
        return head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("EXPLAIN");
    }

    /** Zips the columnar answer into rows; an answer without columns (DDL, DML) is no rows. */
    static List<Row> rows(JsonNode answer) {
        JsonNode columns = answer.path("columns");
        JsonNode rows = answer.path("rows");
        if (!columns.isArray() || !rows.isArray()) {
            return List.of();
        }
        JsonNode types = answer.path("column_types");
        List<Row> out = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String type = types.isArray() && types.size() > c ? types.get(c).asText(null) : null;
                values.put(columns.get(c).asText(), WireValues.decode(row.get(c), type));
            }
            out.add(new Row(values));
        }
        return out;
    }

    @Override
    public BatchCursor scan(String sql, List<Object> params, int batchSize) {
        RemoteParams wire = RemoteParams.of(sql, params);
        okhttp3.Response response = api.stream(new ApiCall("POST", tablesPath() + "/stream",
                Map.of("query", wire.sql(), "params", wire.params(), "batch_size", batchSize), Subject.QUERY, true, Duration.ZERO),
                FrameCodec.CONTENT_TYPE);
        return new FrameBatches(response.body().byteStream(), response);
    }

    @Override
    public List<String> listTables() {
        JsonNode answer = api.send(new ApiCall("GET", tablesPath(), null, Subject.TABLES, true, METADATA_TIMEOUT));
        List<String> names = new ArrayList<>();
        for (JsonNode t : answer.path("tables")) {
            names.add(t.isObject() ? t.path("table_name").asText() : t.asText());
        }
        names.sort(null);
        return names;
    }

    @Override
    public void dropTable(String table, boolean ifExists) {
        try {
            api.send(new ApiCall("DELETE", tablesPath() + "/" + table, null, Subject.TABLES, true, METADATA_TIMEOUT));
        } catch (TableError e) {
            if (listTables().stream().anyMatch(t -> t.equalsIgnoreCase(table))) {
                throw e;
            }
            if (!ifExists) {
                throw new TableError("Table '" + table + "' does not exist", e);
            }
        }
    }

    @Override
    public void createIndex(String table, String column) {
        query("CREATE INDEX IF NOT EXISTS " + Sql.quote(table + "_" + column + "_idx") + " ON " + Sql.quote(table)
                + " USING deeplake_index (" + Sql.quote(column) + ")", List.of(), METADATA_TIMEOUT);
    }

    @Override
    public Optional<Schema> tableSchema(String table) {
        List<Row> columns = query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1"
                + " ORDER BY ordinal_position", List.of(table), METADATA_TIMEOUT);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Schema.Builder b = Schema.builder();
        for (Row c : columns) {
            String name = c.getString("column_name");
            if (!name.equals(RemoteTableWriter.ROW_ID)) {
                Column column = PgTypes.column(name, c.getString("data_type"));
                b.add(column.name(), column.type(), column.size());
            }
        }
        return Optional.of(b.build());
    }

    @Override
    public TableWriter openWriter(String table, Schema schema) {
        Optional<Schema> existing = tableSchema(table);
        boolean created = existing.isEmpty();
        if (created) {
            Map<String, String> types = new LinkedHashMap<>();
            schema.columns().forEach(c -> types.put(c.name(), c.typeName()));
            try {
                api.send(new ApiCall("POST", tablesPath(), Map.of("table_name", table, "schema", types), Subject.TABLES, false,
                        METADATA_TIMEOUT));
            } catch (TableError e) {
                throw new TableError("table creation failed for '" + table + "': " + e.getMessage(), e);
            }
        }
        List<String> added = created ? List.of() : addMissingColumns(table, existing.get(), schema);
        RowIds ids = new RowIds();
        return new RemoteTableWriter(this, table, created, added, ids,
                takesFrames() ? new FrameWire(this, table, schema, ids) : new InsertWire(this, table, schema, ids));
    }

    /** @return the names of the columns added */
    private List<String> addMissingColumns(String table, Schema existing, Schema incoming) {
        List<Column> missing = SchemaRules.checkAppend(table, existing.columns(), incoming);
        for (Column c : missing) {
            query("ALTER TABLE " + Sql.quote(table) + " ADD COLUMN " + Sql.quote(c.name()) + " " + c.typeName(), List.of(),
                    METADATA_TIMEOUT);
        }
        return missing.stream().map(Column::name).toList();
    }

    /** Runs one statement for many parameter rows through {@code /tables/query/batch}. */
    CompletableFuture<JsonNode> batch(String sql, List<List<Object>> paramsBatch, Duration timeout) {
        return api.sendAsync(new ApiCall("POST", tablesPath() + "/query/batch", Map.of("query", sql, "params_batch", paramsBatch),
                Subject.QUERY, false, timeout));
    }

    /** Sends one call of frames to the server's bulk ingest endpoint. */
    CompletableFuture<JsonNode> ingestFrames(String table, okhttp3.RequestBody frames, Duration timeout) {
        return api.sendAsync(new ApiCall("POST", tablesPath() + "/" + table + "/ingest", frames, Subject.INGEST, false, timeout));
    }

    @Override
    public void close() {
        // OkHttp's client is shared by the Client that owns it; nothing to release per backend.
    }
}
