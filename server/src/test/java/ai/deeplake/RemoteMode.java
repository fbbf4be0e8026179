package ai.deeplake;

import ai.deeplake.server.DeeplakeServer;
import ai.deeplake.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remote mode for the Client suites: one real {@code deeplake serve} on a free loopback port for the
 * whole test run, a fresh workspace (created through the REST API by the client's own token) per
 * client. The suites' assertions are the embedded run's, unchanged.
 */
final class RemoteMode implements ClientMode {
    static final RemoteMode INSTANCE = new RemoteMode(true);
    /** A server without the binary frame ingest: the client ingests through {@code /tables/query/batch}, as against the hosted API. */
    static final RemoteMode WITHOUT_FRAME_INGEST = new RemoteMode(false);
    private static final String SECRET = "remote-suite-secret";
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    private final DeeplakeServer server;
    private final String token;
    private final okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();

    private RemoteMode(boolean frameIngest) {
        try {
            Path root = Files.createTempDirectory("deeplake-remote-suite");
            server = DeeplakeServer.start(ServerConfig.defaults(root, SECRET).withPort(0).withFrameIngest(frameIngest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        token = DeeplakeServer.mintToken(SECRET, "suite-org", "tester", Duration.ofHours(2));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    }

    @Override
    public Client connect(Path scratch, Path... pluginDirs) {
        String workspace = "ws" + WORKSPACES.incrementAndGet();
        try {
            okhttp3.Request create = new okhttp3.Request.Builder().url(server.baseUrl() + "/workspaces")
                    .header("Authorization", "Bearer " + token)
                    .post(okhttp3.RequestBody.create("{\"id\": \"" + workspace + "\"}", okhttp3.MediaType.get("application/json")))
                    .build();
            try (okhttp3.Response r = http.newCall(create).execute()) {
                if (!r.isSuccessful()) {
                    throw new IllegalStateException("creating workspace " + workspace + " failed: " + r.code() + " " + r.body().string());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ClientMode.isolated(Client.builder()).apiUrl(server.baseUrl()).token(token).workspace(workspace)
                .pluginsDir(pluginDirs).build();
    }
}
