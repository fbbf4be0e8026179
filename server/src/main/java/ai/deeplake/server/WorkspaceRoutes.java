package ai.deeplake.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code POST /workspaces} and {@code GET /workspaces}, within the caller's organization. */
final class WorkspaceRoutes {
    private final Workspaces workspaces;
    private final RequestBody bodies;

    WorkspaceRoutes(Workspaces workspaces, RequestBody bodies) {
        this.workspaces = workspaces;
        this.bodies = bodies;
    }

    void register(RoutesConfig routes) {
        routes.post("/workspaces", ctx -> {
            JsonNode body = bodies.object(ctx);
            String id = RequestBody.optionalText(body, "id");
            if (id == null || id.isBlank()) {
                throw ApiException.badRequest("workspace ID is required");
            }
            WorkspaceInfo info = workspaces.create(AuthFilter.caller(ctx).org(), id, RequestBody.optionalText(body, "name"));
            ctx.status(201).json(info);
        });
        routes.get("/workspaces", ctx -> ctx.json(Map.of("data", workspaces.list(AuthFilter.caller(ctx).org()))));
    }
}
