package ai.deeplake.server;

import ai.deeplake.core.engine.EmbeddedBackend;
import ai.deeplake.core.engine.StatementResult;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /workspaces/{ws}/tables/query} (one statement, columnar answer) and
 * {@code POST /workspaces/{ws}/tables/query/batch} (one statement for many parameter rows, in one
 * transaction: the bulk-insert path).
 */
final class QueryRoutes {
    private final Workspaces workspaces;
    private final RequestBody bodies;
    private final QuerySlots slots;
    private final Duration defaultTimeout;

    QueryRoutes(Workspaces workspaces, RequestBody bodies, QuerySlots slots, Duration defaultTimeout) {
        this.workspaces = workspaces;
        this.bodies = bodies;
        this.slots = slots;
        this.defaultTimeout = defaultTimeout;
    }

    void register(RoutesConfig routes) {
        routes.post("/workspaces/{ws}/tables/query", this::query);
        routes.post("/workspaces/{ws}/tables/query/batch", this::batch);
    }

    private void query(Context ctx) {
        EmbeddedBackend backend = workspaces.require(ctx);
        JsonNode body = bodies.object(ctx);
        String sql = RequestBody.requiredText(body, "query");
        List<Object> params = Params.forStatement(sql).decode(body.get("params"), "params");
        Duration timeout = RequestBody.timeout(body, defaultTimeout);
        byte[] answer;
        try (QuerySlots.Slot slot = slots.acquire(); StatementResult result = backend.execute(sql, params, timeout)) {
            answer = ColumnarAnswer.write(result);
        }
        ctx.contentType("application/json").result(answer);
    }

    private void batch(Context ctx) {
        EmbeddedBackend backend = workspaces.require(ctx);
        JsonNode body = bodies.object(ctx);
        String sql = RequestBody.requiredText(body, "query");
        List<List<Object>> rows = Params.forStatement(sql).decodeRows(body.get("params_batch"), "params_batch");
        Duration timeout = RequestBody.timeout(body, defaultTimeout);
        long changed;
        try (QuerySlots.Slot slot = slots.acquire()) {
            changed = backend.executeBatch(sql, rows, timeout);
        }
        ctx.json(Map.of("row_count", changed));
    }

}
