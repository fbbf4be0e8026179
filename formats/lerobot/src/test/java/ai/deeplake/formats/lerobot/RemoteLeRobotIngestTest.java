package ai.deeplake.formats.lerobot;

import ai.deeplake.Client;
import ai.deeplake.ClientMode;
import ai.deeplake.server.DeeplakeServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LeRobotIngestSuite} through a real {@code deeplake serve} on a loopback port: the format runs
 * in the client, and its FLOAT32 and VIDEO columns travel the REST API.
 */
class RemoteLeRobotIngestTest extends LeRobotIngestSuite {
    private static final String SECRET = "lerobot-remote-secret";
    private static final AtomicInteger WORKSPACES = new AtomicInteger();
    private static DeeplakeServer server;

    @Override
    protected ClientMode mode() {
        return (scratch, pluginDirs) -> {
            String token = DeeplakeServer.mintToken(SECRET, "lerobot-org", "tester", Duration.ofHours(1));
            String workspace = "ws" + WORKSPACES.incrementAndGet();
            createWorkspace(token, workspace);
            return ClientMode.isolated(Client.builder()).apiUrl(server().baseUrl()).token(token).workspace(workspace).build();
        };
    }

    /** One server for the class; it stops with the JVM. */
    private static synchronized DeeplakeServer server() {
        if (server == null) {
            try {
                server = DeeplakeServer.start(Files.createTempDirectory("lerobot-remote"), SECRET, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    private static void createWorkspace(String token, String workspace) {
        HttpRequest create = HttpRequest.newBuilder(URI.create(server().baseUrl() + "/workspaces"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + workspace + "\"}")).build();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException("creating workspace " + workspace + ": " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
