package ai.deeplake.server;

import ai.deeplake.core.Sql;
import ai.deeplake.core.engine.EmbeddedBackend;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tables of a workspace: list, create with a schema, drop, and where a table's data lives
 * ({@code GET /api/org/{ws}/ds/{table}/creds}).
 */
final class TableRoutes {
    /**
     * A type name as the translator reads it: words, an optional size argument and array brackets
     * ({@code TEXT}, {@code EMBEDDING(384)}, {@code FLOAT4[]}, {@code DOUBLE PRECISION},
     * {@code NUMERIC(10,2)}). Checked here because the type is written into SQL text.
     */
    private static final Pattern TYPE = Pattern.compile(
            "[A-Za-z][A-Za-z0-9_]*(\\s+[A-Za-z][A-Za-z0-9_]*)*\\s*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?(\\s*\\[\\s*\\d*\\s*])*");

    private final Workspaces workspaces;
    private final RequestBody bodies;
    private final Duration timeout;

    /** @param timeout for the DDL the routes run */
    TableRoutes(Workspaces workspaces, RequestBody bodies, Duration timeout) {
        this.workspaces = workspaces;
        this.bodies = bodies;
        this.timeout = timeout;
    }

    void register(RoutesConfig routes) {
        routes.get("/workspaces/{ws}/tables", ctx -> {
            List<Map<String, String>> tables = workspaces.require(ctx).listTables().stream().map(t -> Map.of("table_name", t)).toList();
            ctx.json(Map.of("tables", tables));
        });
        routes.post("/workspaces/{ws}/tables", this::create);
        routes.delete("/workspaces/{ws}/tables/{table}", ctx -> {
            EmbeddedBackend backend = workspaces.require(ctx);
            synchronized (backend) {
                String table = existing(backend, ctx.pathParam("table"));
                backend.dropTable(table, false);
                ctx.json(Map.of("table_name", table, "dropped", true));
            }
        });
        routes.get("/api/org/{ws}/ds/{table}/creds", ctx -> {
            EmbeddedBackend backend = workspaces.require(ctx);
            String table = existing(backend, ctx.pathParam("table"));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "local");
            answer.put("format", "duckdb");
            answer.put("path", backend.directory().toAbsolutePath().toString());
            answer.put("table_name", table);
            answer.put("dataset_path", datasetPath(ctx.pathParam("ws"), table));
            answer.put("creds", Map.of());
            ctx.json(answer);
        });
    }

    private void create(Context ctx) {
        EmbeddedBackend backend = workspaces.require(ctx);
        JsonNode body = bodies.object(ctx);
        String table = Sql.tableName(RequestBody.requiredText(body, "table_name"));
        String ddl = createStatement(table, body.get("schema"));
        // One table creation at a time per workspace, so that two requests for the same name get
        // one 201 and one 409 rather than a 409 and an engine error.
        synchronized (backend) {
            Optional<String> existing = find(backend, table);
            if (existing.isPresent()) {
                throw ApiException.alreadyExists("Table '" + existing.get() + "' already exists");
            }
            backend.query(ddl, List.of(), timeout);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("table_name", table);
        answer.put("created", true);
        answer.put("dataset_path", datasetPath(ctx.pathParam("ws"), table));
        ctx.status(201).json(answer);
    }

    /** @return {@code CREATE TABLE} for the schema; the engine adds {@code _id} and maps the types */
    private static String createStatement(String table, JsonNode schema) {
        if (schema == null || !schema.isObject() || schema.isEmpty()) {
            throw ApiException.badRequest("schema is required: an object of column name to type, e.g. {\"text\": \"TEXT\"}");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(Sql.quote(table)).append(" (");
        Iterator<Map.Entry<String, JsonNode>> columns = schema.fields();
        while (columns.hasNext()) {
            Map.Entry<String, JsonNode> column = columns.next();
            JsonNode type = column.getValue();
            if (column.getKey().isEmpty() || !type.isTextual() || !TYPE.matcher(type.asText().strip()).matches()) {
                throw ApiException.badRequest("Invalid schema entry \"" + column.getKey() + "\": " + type
                        + "; give a type name such as TEXT, INT64, IMAGE, EMBEDDING(384) or FLOAT4[]");
            }
            sql.append(Sql.quote(column.getKey())).append(' ').append(type.asText().strip());
            sql.append(columns.hasNext() ? ", " : ")");
        }
        return sql.toString();
    }

    /** @return the table's stored name; 404 TABLE_NOT_FOUND when there is none */
    private static String existing(EmbeddedBackend backend, String table) {
        return find(backend, table).orElseThrow(() -> ApiException.tableNotFound(table));
    }

    /** Table names are case-insensitive, as in PostgreSQL and DuckDB (unquoted). */
    private static Optional<String> find(EmbeddedBackend backend, String table) {
        return backend.listTables().stream().filter(t -> t.equalsIgnoreCase(table)).findFirst();
    }

    private static String datasetPath(String ws, String table) {
        return "al://" + ws + "/" + table;
    }
}
