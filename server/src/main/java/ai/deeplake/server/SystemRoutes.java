package ai.deeplake.server;

import io.javalin.config.RoutesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code GET /health} (liveness), {@code GET /ready} (can serve: the root is writable) and {@code GET /me}. */
final class SystemRoutes {
    private final Path root;

    SystemRoutes(Path root) {
        this.root = root;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/ready", ctx -> {
            if (!Files.isDirectory(root) || !Files.isWritable(root)) {
                throw ApiException.unavailable("Not ready: the data folder is not writable");
            }
            ctx.json(Map.of("status", "ready"));
        });
        routes.get("/me", ctx -> {
            Caller caller = AuthFilter.caller(ctx);
            ctx.json(Map.of(
                    "id", caller.subject(),
                    "name", caller.subject(),
                    "organizations", List.of(Map.of("id", caller.org(), "name", caller.org()))));
        });
    }
}
