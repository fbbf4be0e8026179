package ai.deeplake.server;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST server of remote mode ({@code deeplake serve}): the API of the hosted Deeplake service,
 * served over the embedded engine, one DuckDB database per workspace under
 * {@code <root>/<org>/<workspace>/}. See the README's "Server" section for the wire contract.
 *
 * <pre>{@code
 * try (DeeplakeServer server = DeeplakeServer.start(root, secret, 0)) {
 *     String token = DeeplakeServer.mintToken(secret, "my-org", "me", Duration.ofHours(1));
 *     Client client = Client.builder().apiUrl(server.baseUrl()).token(token).workspace("ws").build();
 * }
 * }</pre>
 */
public final class DeeplakeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeeplakeServer.class);

    private final Javalin app;
    private final Workspaces workspaces;
    private final String host;

    private DeeplakeServer(Javalin app, Workspaces workspaces, String host) {
        this.app = app;
        this.workspaces = workspaces;
        this.host = host;
    }

    /** Starts a server on loopback with the default settings; {@code port} 0 picks a free port. */
    public static DeeplakeServer start(Path root, String secret, int port) {
        return start(ServerConfig.defaults(root, secret).withPort(port));
    }

    /** Starts a server; it serves until {@link #close()}. */
    public static DeeplakeServer start(ServerConfig config) {
        try {
            Files.createDirectories(config.root());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the server root " + config.root(), e);
        }
        Workspaces workspaces = new Workspaces(config.root(), Json.MAPPER);
        RequestBody bodies = new RequestBody(Json.MAPPER, config.maxBodyBytes());
        QuerySlots slots = new QuerySlots(config.maxConcurrentQueries(), config.queueWait());
        AuthFilter auth = new AuthFilter(new Tokens(config.secret()));
        ErrorMapper errors = new ErrorMapper(Json.MAPPER);
        Javalin app = Javalin.create(c -> {
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            c.http.maxRequestSize = config.maxBodyBytes();
            // Answers are mostly float vectors and bytes, which gzip shrinks little at a high CPU cost.
            c.http.compressionStrategy = CompressionStrategy.NONE;
            c.router.ignoreTrailingSlashes = true;
            c.routes.beforeMatched(auth);
            new SystemRoutes(config.root(), config.frameIngest() ? List.of(IngestRoutes.CAPABILITY) : List.of()).register(c.routes);
            new WorkspaceRoutes(workspaces, bodies).register(c.routes);
            new TableRoutes(workspaces, bodies, config.defaultQueryTimeout()).register(c.routes);
            new QueryRoutes(workspaces, bodies, slots, config.defaultQueryTimeout()).register(c.routes);
            new StreamRoutes(workspaces, bodies, slots, config.defaultQueryTimeout()).register(c.routes);
            if (config.frameIngest()) {
                new IngestRoutes(workspaces, bodies, slots).register(c.routes);
            }
            errors.register(c.routes);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            workspaces.close();
            throw e;
        }
        LOG.info("Deeplake server listening on http://{}:{} with data in {}", config.host(), app.port(), config.root());
        return new DeeplakeServer(app, workspaces, config.host());
    }

    /**
     * Mints a token this server (with the same secret) accepts.
     *
     * @param sub the subject; null means the organization
     */
    public static String mintToken(String secret, String org, String sub, Duration ttl) {
        return Tokens.mint(secret, org, sub, ttl);
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** @return {@code http://host:port}, without a trailing slash */
    public String baseUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : h) + ":" + port();
    }

    /** Stops taking requests, then closes every workspace's engine. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            workspaces.close();
        }
    }
}
