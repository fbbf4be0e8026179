package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.server.DeeplakeServer;
import ai.deeplake.server.ServerSecret;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code deeplake token} and {@code deeplake serve}. */
class ServerCommandsTest {
    @TempDir
    Path root;

    record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void tokenIsSignedWithTheRootsSecret() throws Exception {
        Result r = run("token", "--org", "acme", "--sub", "ci", "--ttl", "2h", "--root", root.toString());
        assertEquals(0, r.code(), r.err());
        String secret = Files.readString(root.resolve(ServerSecret.FILE)).strip();
        DecodedJWT jwt = JWT.require(Algorithm.HMAC256(secret)).build().verify(r.out().strip());
        assertEquals("acme", jwt.getClaim("org_id").asString());
        assertEquals("ci", jwt.getSubject());
        long ttl = jwt.getExpiresAtAsInstant().getEpochSecond() - Instant.now().getEpochSecond();
        assertTrue(Math.abs(ttl - 7200) < 60, "ttl " + ttl);

        Result again = run("token", "--org", "acme", "--root", root.toString());
        JWT.require(Algorithm.HMAC256(secret)).build().verify(again.out().strip());
    }

    @Test
    void anExplicitSecretWins() {
        Result r = run("token", "--org", "acme", "--secret", "given-secret-given-secret-given-secret", "--ttl", "PT10M", "--root", root.toString());
        assertEquals(0, r.code(), r.err());
        JWT.require(Algorithm.HMAC256("given-secret-given-secret-given-secret")).build().verify(r.out().strip());
        assertTrue(Files.notExists(root.resolve(ServerSecret.FILE)));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, run("token", "--org", "acme", "--ttl", "soon", "--root", root.toString()).code());
        Result badOrg = run("token", "--org", "../up", "--root", root.toString());
        assertEquals(2, badOrg.code());
        assertTrue(badOrg.err().contains("Invalid organization id '../up'"), badOrg.err());
        assertEquals(2, run("token", "--root", root.toString()).code(), "--org is required");
    }

    @Test
    void serveAcceptsTheTokensOfTokenWithTheSameRoot() throws Exception {
        ServeCommand serve = new ServeCommand();
        CommandLine cli = new CommandLine(serve);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.parseArgs("--port", "0", "--root", root.toString());
        try (DeeplakeServer server = serve.start()) {
            assertTrue(out.toString().startsWith("Deeplake server listening on " + server.baseUrl()), out.toString());
            String token = run("token", "--org", "acme", "--root", root.toString()).out().strip();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/me"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode(), me.body());
            assertTrue(me.body().contains("\"acme\""), me.body());
        }
    }
}
