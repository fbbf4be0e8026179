package ai.deeplake.server;

import io.javalin.config.RoutesConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health} (liveness), {@code GET /ready} (can serve: the root is writable) and
 * {@code GET /me}, which also lists the server's optional {@code capabilities} (e.g.
 * {@value IngestRoutes#CAPABILITY}).
 */
final class SystemRoutes {
    private final Path root;
    private final List<String> capabilities;

    /** @param capabilities what {@code /me} advertises, beyond the hosted API's endpoints */
    SystemRoutes(Path root, List<String> capabilities) {
        this.root = root;
        this.capabilities = capabilities;
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
            Map<String, Object> me = new LinkedHashMap<>();
            me.put("id", caller.subject());
            me.put("name", caller.subject());
            Map<String, Object> org = new LinkedHashMap<>();
            org.put("id", caller.org());
            org.put("name", caller.org());
            me.put("organizations", List.of(org));
            me.put("capabilities", capabilities);
            ctx.json(me);
        });
    }
}
