package ai.deeplake.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces and tables: create, list, drop, and the seed's errors. */
class WorkspaceAndTableTest {
    @TempDir
    static Path root;
    static TestServer server;
    static final String ORG = "org-wt";
    static final String TOKEN = TestServer.token(ORG);

    @BeforeAll
    static void start() {
        server = new TestServer(root);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void workspacesAreCreatedAndListedWithTheirFields() {
        TestServer.Answer created = server.post("/workspaces", TOKEN, Map.of("id", "alpha", "name", "Alpha Team"));
        assertEquals(201, created.status(), created.text());
        assertEquals("alpha", created.json().get("id").asText());
        server.workspace(TOKEN, "beta");

        JsonNode data = server.get("/workspaces", TOKEN).json().get("data");
        assertEquals(2, data.size());
        JsonNode alpha = data.get(0);
        assertEquals("alpha", alpha.get("id").asText());
        assertEquals(ORG, alpha.get("org_id").asText());
        assertEquals("Alpha Team", alpha.get("name").asText());
        assertEquals("local", alpha.get("type").asText());
        Instant.parse(alpha.get("created_at").asText());
        assertEquals("beta", data.get(1).get("name").asText(), "the name defaults to the id");
        assertTrue(Files.isRegularFile(root.resolve(ORG).resolve("alpha").resolve(Workspaces.METADATA)));
    }

    @Test
    void workspaceErrorsUseTheSeedsMessages() {
        for (String body : List.of("{}", "{\"name\": \"x\"}", "{\"id\": \"\"}", "{\"id\": null}")) {
            TestServer.Answer a = server.post("/workspaces", TOKEN, body);
            assertEquals(400, a.status(), body);
            assertEquals("workspace ID is required", a.error(), body);
            assertEquals("BAD_REQUEST", a.code());
        }
        server.workspace(TOKEN, "twice");
        TestServer.Answer again = server.post("/workspaces", TOKEN, Map.of("id", "twice"));
        assertEquals(409, again.status());
        assertEquals("ALREADY_EXISTS", again.code());
        assertEquals("Workspace 'twice' already exists", again.error());

        for (String id : List.of("../escape", ".hidden", "a/b", "with space")) {
            TestServer.Answer bad = server.post("/workspaces", TOKEN, Map.of("id", id));
            assertEquals(400, bad.status(), id);
            assertTrue(bad.error().startsWith("Invalid workspace ID '" + id + "'"), bad.error());
        }
        assertFalse(Files.exists(root.resolve("escape")));
    }

    @Test
    void tablesAreCreatedListedAndDropped() {
        server.workspace(TOKEN, "tables-ws");
        Map<String, String> schema = new LinkedHashMap<>();
        schema.put("text", "TEXT");
        schema.put("n", "INT64");
        schema.put("image", "IMAGE");
        schema.put("embedding", "EMBEDDING(3)");
        schema.put("pg_vector", "FLOAT4[]");
        schema.put("raw", "BYTEA");
        schema.put("meta", "JSON");
        TestServer.Answer created = server.post("/workspaces/tables-ws/tables", TOKEN, Map.of("table_name", "docs", "schema", schema));
        assertEquals(201, created.status(), created.text());
        assertEquals("docs", created.json().get("table_name").asText());
        assertTrue(created.json().get("created").asBoolean());
        assertEquals("al://tables-ws/docs", created.json().get("dataset_path").asText());

        TestServer.Answer columns = server.post("/workspaces/tables-ws/tables/query", TOKEN,
                Map.of("query", "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'docs' ORDER BY ordinal_position"));
        assertEquals(200, columns.status(), columns.text());
        assertEquals("[[\"text\",\"VARCHAR\"],[\"n\",\"BIGINT\"],[\"image\",\"BLOB\"],[\"embedding\",\"FLOAT[3]\"],"
                + "[\"pg_vector\",\"FLOAT[]\"],[\"raw\",\"BLOB\"],[\"meta\",\"JSON\"],[\"_id\",\"VARCHAR\"]]",
                columns.json().get("rows").toString(), "the translator maps the types and adds _id");

        TestServer.Answer again = server.post("/workspaces/tables-ws/tables", TOKEN, Map.of("table_name", "DOCS", "schema", Map.of("a", "TEXT")));
        assertEquals(409, again.status());
        assertEquals("Table 'docs' already exists", again.error());

        server.post("/workspaces/tables-ws/tables", TOKEN, Map.of("table_name", "another", "schema", Map.of("a", "TEXT")));
        TestServer.Answer list = server.get("/workspaces/tables-ws/tables", TOKEN);
        assertEquals("[{\"table_name\":\"another\"},{\"table_name\":\"docs\"}]", list.json().get("tables").toString());

        TestServer.Answer dropped = server.delete("/workspaces/tables-ws/tables/docs", TOKEN);
        assertEquals(200, dropped.status(), dropped.text());
        TestServer.Answer missing = server.delete("/workspaces/tables-ws/tables/docs", TOKEN);
        assertEquals(404, missing.status());
        assertEquals("TABLE_NOT_FOUND", missing.code());
        assertEquals("Table 'docs' does not exist", missing.error());
        assertEquals("[{\"table_name\":\"another\"}]", server.get("/workspaces/tables-ws/tables", TOKEN).json().get("tables").toString());
    }

    @Test
    void badTableRequestsAre400() {
        server.workspace(TOKEN, "bad-tables");
        String path = "/workspaces/bad-tables/tables";
        TestServer.Answer noName = server.post(path, TOKEN, Map.of("schema", Map.of("a", "TEXT")));
        assertEquals(400, noName.status());
        assertEquals("table_name is required", noName.error());
        TestServer.Answer noSchema = server.post(path, TOKEN, Map.of("table_name", "t"));
        assertEquals(400, noSchema.status());
        assertTrue(noSchema.error().startsWith("schema is required"), noSchema.error());
        TestServer.Answer injected = server.post(path, TOKEN, Map.of("table_name", "t", "schema", Map.of("a", "TEXT); DROP TABLE x; --")));
        assertEquals(400, injected.status());
        assertTrue(injected.error().startsWith("Invalid schema entry \"a\""), injected.error());
        TestServer.Answer badName = server.post(path, TOKEN, Map.of("table_name", "no-dashes", "schema", Map.of("a", "TEXT")));
        assertEquals(400, badName.status());
        assertEquals("QUERY_ERROR", badName.code());
        TestServer.Answer file = server.post(path, TOKEN, Map.of("table_name", "t", "schema", Map.of("path", "FILE")));
        assertEquals(400, file.status());
        assertEquals("QUERY_ERROR", file.code(), "FILE is an ingestion directive, not a column type");
    }

    @Test
    void unknownWorkspaceIs404WithTheSeedsMessage() {
        TestServer.Answer a = server.get("/workspaces/nope/tables", TOKEN);
        assertEquals(404, a.status());
        assertEquals("NOT_FOUND", a.code());
        assertEquals("Not found: /workspaces/nope/tables", a.error());
        assertFalse(Files.exists(root.resolve(ORG).resolve("nope")), "looking does not create");
    }

    @Test
    void credsTellWhereTheTableLives() {
        server.workspace(TOKEN, "creds-ws");
        server.post("/workspaces/creds-ws/tables", TOKEN, Map.of("table_name", "t", "schema", Map.of("a", "TEXT")));
        TestServer.Answer creds = server.get("/api/org/creds-ws/ds/t/creds", TOKEN);
        assertEquals(200, creds.status(), creds.text());
        assertEquals("local", creds.json().get("type").asText());
        assertEquals("duckdb", creds.json().get("format").asText());
        assertEquals(root.resolve(ORG).resolve("creds-ws").toAbsolutePath().toString(), creds.json().get("path").asText());
        assertEquals("al://creds-ws/t", creds.json().get("dataset_path").asText());
        assertEquals(404, server.get("/api/org/creds-ws/ds/missing/creds", TOKEN).status());
    }
}
