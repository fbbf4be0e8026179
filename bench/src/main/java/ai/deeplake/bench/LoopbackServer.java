package ai.deeplake.bench;

import ai.deeplake.Client;
import ai.deeplake.server.DeeplakeServer;
import ai.deeplake.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A {@code deeplake serve} started in-process on a free loopback port, with one workspace, for the remote rows of a bench. */
final class LoopbackServer implements AutoCloseable {
    static final String WORKSPACE = "bench";
    private static final String SECRET = "bench-secret";

    private final DeeplakeServer server;
    private final String token;
    private final Path root;

    private LoopbackServer(DeeplakeServer server, String token, Path root) {
        this.server = server;
        this.token = token;
        this.root = root;
    }

    /** @param configure changes the default settings (e.g. turns the frame ingest endpoint off) */
    static LoopbackServer start(java.util.function.UnaryOperator<ServerConfig> configure) throws IOException {
        Path root = Files.createTempDirectory("bench-server");
        DeeplakeServer server = DeeplakeServer.start(configure.apply(ServerConfig.defaults(root, SECRET).withPort(0)));
        String token = DeeplakeServer.mintToken(SECRET, "bench-org", "bench", Duration.ofHours(2));
        OkHttpClient http = new OkHttpClient();
        try (Response r = http.newCall(new Request.Builder().url(server.baseUrl() + "/workspaces").header("Authorization", "Bearer " + token)
                .post(RequestBody.create("{\"id\": \"" + WORKSPACE + "\"}", MediaType.get("application/json"))).build()).execute()) {
            if (!r.isSuccessful()) {
                server.close();
                throw new IllegalStateException("creating the workspace failed: " + r.code());
            }
        }
        return new LoopbackServer(server, token, root);
    }

    static LoopbackServer start() throws IOException {
        return start(c -> c);
    }

    /** @return a new remote client of the workspace */
    Client client() {
        return Client.builder().apiUrl(server.baseUrl()).token(token).workspace(WORKSPACE).build();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() throws IOException {
        server.close();
        TempFolders.delete(root);
    }
}
