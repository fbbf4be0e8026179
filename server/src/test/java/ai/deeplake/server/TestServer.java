package ai.deeplake.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** A real server on a free loopback port and a plain HTTP client for it. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "test-secret-of-at-least-32-bytes-long!";
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, body text, and the body as JSON when it is JSON. */
    record Answer(int status, String text, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }

        /** @return the error code of an error answer */
        String code() {
            return json().path("code").asText();
        }

        /** @return the error message of an error answer */
        String error() {
            return json().path("error").asText();
        }
    }

    final DeeplakeServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestServer(Path root) {
        this(ServerConfig.defaults(root, SECRET).withPort(0));
    }

    TestServer(ServerConfig config) {
        this.server = DeeplakeServer.start(config);
    }

    static String token(String org) {
        return DeeplakeServer.mintToken(SECRET, org, "tester", Duration.ofHours(1));
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE().build());
    }

    Answer post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer post(String path, String token, Object body) {
        try {
            return post(path, token, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a workspace, failing the test unless it is created. */
    void workspace(String token, String id) {
        Answer a = post("/workspaces", token, "{\"id\": \"" + id + "\"}");
        if (a.status() != 201) {
            throw new AssertionError("creating workspace " + id + ": " + a.status() + " " + a.text());
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
