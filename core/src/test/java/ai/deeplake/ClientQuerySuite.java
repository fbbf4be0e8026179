package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.TableError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SQL through the Client: the seed's forms verbatim, errors, the sandbox and timeouts, on a real DuckDB file. */
public abstract class ClientQuerySuite extends ClientFixture {

    @BeforeEach
    void fill() {
        client.ingest("embeddings", Map.of(
                "text", List.of("red apple", "green pear", "Blue Whale"),
                "embedding", List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0.6f, 0.8f, 0})));
    }

    @Test
    void vectorSimilarityAsTheSeedWritesIt() {
        List<Row> rows = client.query("""
                SELECT text, embedding <#> $1 AS similarity
                FROM embeddings ORDER BY similarity DESC LIMIT 2
                """, (Object) new float[] {1, 0, 0});
        assertEquals(List.of("red apple", "Blue Whale"), rows.stream().map(r -> r.getString("text")).toList());
        assertEquals(1.0, rows.get(0).getDouble("similarity"), 1e-6);
        assertEquals(0.6, rows.get(1).getDouble("similarity"), 1e-6);

        List<Row> fromList = client.query("SELECT text FROM embeddings ORDER BY embedding <#> $1 DESC LIMIT 1", List.of(0.0, 1.0, 0.0));
        assertEquals("green pear", fromList.get(0).getString("text"));
        List<Row> literal = client.query("SELECT text FROM embeddings ORDER BY embedding <#> ARRAY[0.6, 0.8, 0]::FLOAT4[] DESC LIMIT 1");
        assertEquals("Blue Whale", literal.get(0).getString("text"));
    }

    @Test
    void keywordContainsIsCaseInsensitive() {
        List<Row> rows = client.query("SELECT text FROM embeddings WHERE text @> $1", "whale");
        assertEquals(List.of("Blue Whale"), rows.stream().map(r -> r.getString("text")).toList());
    }

    @Test
    void binaryRoundTripsThroughDecodeHexAsImage() {
        client.query("CREATE TABLE pics (name TEXT, image IMAGE)");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
        client.query("INSERT INTO pics (name, image) VALUES ($1, decode($2, 'hex')::IMAGE)", "dot", HexFormat.of().formatHex(png));
        Row row = client.query("SELECT * FROM pics").get(0);
        assertArrayEquals(png, row.getBytes("image"));
        assertEquals(36, row.getString("_id").length(), "plain CREATE TABLE gets an _id too");
        assertEquals(List.of("embeddings", "pics"), client.listTables());
    }

    @Test
    void ordinarySqlWorks() {
        List<Row> rows = client.query("""
                WITH ranked AS (
                  SELECT text, row_number() OVER (ORDER BY text) AS n FROM embeddings
                )
                SELECT n, upper(text) AS t FROM ranked WHERE n > $1 ORDER BY n
                """, 1);
        assertEquals(List.of(2L, 3L), rows.stream().map(r -> r.getLong("n")).toList());
        client.query("UPDATE embeddings SET text = 'yellow apple' WHERE text = $1", "red apple");
        client.query("DELETE FROM embeddings WHERE text @> 'pear'");
        assertEquals(2, client.query("SELECT COUNT(*) AS n FROM embeddings").get(0).getLong("n"));
        client.query("ALTER TABLE embeddings ADD COLUMN label CLASS_LABEL");
        client.query("ALTER TABLE embeddings RENAME COLUMN label TO category");
        assertTrue(client.query("SELECT category FROM embeddings").stream().allMatch(r -> r.get("category") == null));
        client.query("DROP TABLE embeddings");
        assertEquals(List.of(), client.listTables());
    }

    @Test
    void errorsAreTableErrors() {
        TableError syntax = assertThrows(TableError.class, () -> client.query("SELECT * FROM embeddings WHER text = 'x'"));
        assertTrue(syntax.getMessage().contains("line 1"), syntax.getMessage());
        TableError bm25 = assertThrows(TableError.class, () -> client.query("SELECT BM25_SIMILARITY(text, 'x') FROM embeddings"));
        assertTrue(bm25.getMessage().contains("<#>"), bm25.getMessage());
        assertThrows(TableError.class, () -> client.query("SELECT * FROM nowhere"));
    }

    @Test
    void sandboxRefusesFilesAndExtensions() throws Exception {
        Path secret = Files.writeString(root.resolve("secret.csv"), "a,b\n1,2\n");
        for (String sql : List.of("SELECT * FROM read_csv('" + secret + "')", "COPY embeddings TO '" + root.resolve("out.csv") + "'",
                "ATTACH '" + root.resolve("other.db") + "' AS other", "INSTALL httpfs", "LOAD fts", "SET threads = 1",
                "PRAGMA database_list", "SELECT 1; SELECT 2")) {
            assertThrows(TableError.class, () -> client.query(sql), sql);
        }
        assertTrue(Files.notExists(root.resolve("out.csv")));
    }

    @Test
    void timeoutCancelsTheQuery() {
        TableError e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(TableError.class,
                () -> client.query("SELECT count(*) FROM range(10000000000) a, range(1000) b", List.of(), Duration.ofMillis(300))));
        assertTrue(e.getMessage().startsWith("Query timed out after 300ms"), e.getMessage());
        assertEquals(3, client.query("SELECT COUNT(*) AS n FROM embeddings").get(0).getLong("n"), "the client still works");
    }
}
