package ai.deeplake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, the organization header, and that one organization never reaches another's data. */
class AuthTest {
    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAndReadyNeedNoToken() {
        TestServer.Answer health = server.get("/health", null);
        assertEquals(200, health.status());
        assertEquals("ok", health.json().get("status").asText());
        assertEquals(200, server.get("/ready", null).status());
    }

    @Test
    void missingExpiredAndForgedTokensAre401() {
        assertUnauthorized(server.get("/workspaces", null), "Token required");
        assertUnauthorized(server.send(server.request("/workspaces", null).header("Authorization", "Basic abc").GET().build()),
                "Invalid Authorization header: use 'Bearer <token>'");
        assertUnauthorized(server.get("/workspaces", "not-a-jwt"), "Invalid token: not a JWT");

        String expired = JWT.create().withClaim("org_id", "a").withExpiresAt(Instant.now().minusSeconds(3600))
                .sign(Algorithm.HMAC256(TestServer.SECRET));
        assertUnauthorized(server.get("/workspaces", expired), "Token expired");

        String forged = DeeplakeServer.mintToken("another-secret-another-secret-1234", "a", null, Duration.ofHours(1));
        assertUnauthorized(server.get("/workspaces", forged), "Invalid token: not signed by this server");

        String noOrg = JWT.create().withSubject("x").withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(TestServer.SECRET));
        assertUnauthorized(server.get("/me", noOrg), "Token does not contain org_id");

        String noExpiry = JWT.create().withClaim("org_id", "a").sign(Algorithm.HMAC256(TestServer.SECRET));
        assertUnauthorized(server.get("/me", noExpiry), "Invalid token: it has no expiry (exp)");
    }

    @Test
    void orgClaimMayBeSpelledOrgIdOrOrg() {
        for (String claim : List.of("org_id", "OrgID", "org")) {
            String token = JWT.create().withClaim(claim, "spelled").withExpiresAt(Instant.now().plusSeconds(60))
                    .sign(Algorithm.HMAC256(TestServer.SECRET));
            TestServer.Answer me = server.get("/me", token);
            assertEquals(200, me.status(), claim);
            assertEquals("spelled", me.json().at("/organizations/0/id").asText(), claim);
        }
    }

    @Test
    void meNamesTheTokensSubjectAndOrganization() {
        TestServer.Answer me = server.get("/me", TestServer.token("org-me"));
        assertEquals(200, me.status());
        assertEquals("tester", me.json().get("id").asText());
        assertEquals("tester", me.json().get("name").asText());
        assertEquals("org-me", me.json().at("/organizations/0/id").asText());
        assertEquals(1, me.json().get("organizations").size());
    }

    @Test
    void orgHeaderMustMatchTheToken() {
        String token = TestServer.token("org-h");
        TestServer.Answer same = server.send(server.request("/me", token).header(AuthFilter.ORG_HEADER, "org-h").GET().build());
        assertEquals(200, same.status());
        TestServer.Answer other = server.send(server.request("/me", token).header(AuthFilter.ORG_HEADER, "org-x").GET().build());
        assertEquals(403, other.status());
        assertEquals("FORBIDDEN", other.code());
        assertEquals("Token is for organization 'org-h', not 'org-x'", other.error());
    }

    @Test
    void oneOrganizationNeverReachesAnothersWorkspaces() {
        String a = TestServer.token("org-a");
        String b = TestServer.token("org-b");
        server.workspace(b, "shared-name");
        assertEquals(201, server.post("/workspaces/shared-name/tables", b,
                Map.of("table_name", "secrets", "schema", Map.of("text", "TEXT"))).status());
        assertEquals(200, server.post("/workspaces/shared-name/tables/query", b,
                Map.of("query", "INSERT INTO secrets (text) VALUES ('b only')")).status());

        assertEquals(0, server.get("/workspaces", a).json().get("data").size());
        assertNotFound(server.get("/workspaces/shared-name/tables", a), "Not found: /workspaces/shared-name/tables");
        assertNotFound(server.post("/workspaces/shared-name/tables/query", a, Map.of("query", "SELECT * FROM secrets")),
                "Not found: /workspaces/shared-name/tables/query");
        assertNotFound(server.post("/workspaces/shared-name/tables/query/batch", a,
                Map.of("query", "DELETE FROM secrets WHERE text = $1", "params_batch", List.of(List.of("b only")))),
                "Not found: /workspaces/shared-name/tables/query/batch");
        assertNotFound(server.post("/workspaces/shared-name/tables/stream", a, Map.of("query", "SELECT * FROM secrets")),
                "Not found: /workspaces/shared-name/tables/stream");
        assertNotFound(server.delete("/workspaces/shared-name/tables/secrets", a), "Not found: /workspaces/shared-name/tables/secrets");
        assertNotFound(server.get("/api/org/shared-name/ds/secrets/creds", a), "Not found: /api/org/shared-name/ds/secrets/creds");

        // Org A may have a workspace of the same name: a different one.
        server.workspace(a, "shared-name");
        assertEquals(0, server.get("/workspaces/shared-name/tables", a).json().get("tables").size());
        TestServer.Answer bRows = server.post("/workspaces/shared-name/tables/query", b, Map.of("query", "SELECT text FROM secrets"));
        assertEquals("b only", bRows.json().at("/rows/0/0").asText());
    }

    private static void assertUnauthorized(TestServer.Answer answer, String message) {
        assertEquals(401, answer.status(), answer.text());
        assertEquals("UNAUTHORIZED", answer.code());
        assertEquals(message, answer.error());
    }

    private static void assertNotFound(TestServer.Answer answer, String message) {
        assertEquals(404, answer.status(), answer.text());
        assertEquals("NOT_FOUND", answer.code());
        assertEquals(message, answer.error());
        assertTrue(answer.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }
}
