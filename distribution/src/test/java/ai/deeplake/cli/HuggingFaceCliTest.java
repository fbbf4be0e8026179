package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deeplake ingest t --format huggingface -o name=...} in-process, with the format plugin jar
 * loaded from the built plugins folder and a one-dataset Hub on loopback.
 */
class HuggingFaceCliTest {
    @TempDir
    Path tmp;

    @Test
    void ingestsAHubDatasetByFormatIdIntoTheRootsCache() throws IOException, SQLException {
        Path parquet = tmp.resolve("0.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i % 2 AS label, 'row ' || i AS text FROM range(5) t(i)) TO '" + parquet + "' (FORMAT parquet,"
                    + " KV_METADATA {huggingface: '{\"info\": {\"features\": {\"label\": {\"names\": [\"neg\", \"pos\"], \"_type\": \"ClassLabel\"}}}}'})");
        }
        byte[] file = Files.readAllBytes(parquet);
        try (MockWebServer hub = new MockWebServer()) {
            hub.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return switch (request.getUrl().encodedPath()) {
                        case "/api/datasets/acme/reviews/parquet" -> new MockResponse.Builder().body("{\"default\": {\"test\": [\""
                                + hub.url("/api/datasets/acme/reviews/parquet/default/test/0.parquet") + "\"]}}").build();
                        case "/api/datasets/acme/reviews/parquet/default/test/0.parquet" -> new MockResponse.Builder().body(new Buffer().write(file)).build();
                        default -> new MockResponse.Builder().code(404).build();
                    };
                }
            });
            hub.start();
            Path root = tmp.resolve("root");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"ingest", "reviews", "--format", "huggingface", "-o", "name=acme/reviews@test",
                    "-o", "endpoint=" + hub.url("/"), "--root", root.toString(), "--plugins=" + System.getProperty("deeplake.test.plugins")},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().startsWith("Ingested 5 rows with format huggingface into table 'reviews'"), out.toString());
            assertTrue(Files.isRegularFile(root.resolve("cache/huggingface/acme/reviews/default/test/0.parquet")), "cached under --root");

            StringWriter rows = new StringWriter();
            Main.run(new String[] {"query", "SELECT label_name, count(*) AS n FROM reviews GROUP BY label_name ORDER BY n DESC", "--root",
                    root.toString()}, new PrintWriter(rows, true), new PrintWriter(err, true));
            assertTrue(rows.toString().matches("(?s).*pos\\s+\\|\\s+2.*") && rows.toString().matches("(?s).*neg\\s+\\|\\s+3.*"), rows.toString());
        }
    }

    @Test
    void withoutThePluginJarTheErrorNamesThePlugin() throws IOException {
        Path noPlugins = Files.createDirectory(tmp.resolve("plugins"));
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"ingest", "mnist", "--format", "huggingface", "-o", "name=mnist", "--root", tmp.resolve("root").toString(),
                "--plugins=" + noPlugins}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(1, code);
        assertTrue(err.toString().startsWith("IngestError: no format 'huggingface' — install the deeplake-format-huggingface plugin"), err.toString());
    }
}
