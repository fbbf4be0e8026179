package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.Client;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, with the plugins found in the built jars' folder. */
class MainTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void ingestsAFolderAndQueriesIt() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("docs/nested"));
        Files.writeString(docs.resolve("a.txt"), "Deeplake keeps multimodal tables.");
        Files.writeString(docs.getParent().resolve("b.md"), "# Notes\nNothing to see.");
        String root = tmp.resolve("root").toString();

        Result ingest = run("ingest", "notes", docs.getParent().toString(), "--root", root,
                "--plugins=" + System.getProperty("deeplake.test.plugins"));
        assertEquals(0, ingest.code(), ingest.err());
        assertTrue(ingest.out().startsWith("Ingested 2 rows from 2 files into table 'notes'"), ingest.out());

        Result query = run("query", "SELECT chunk_index, text FROM notes WHERE text @> $1", "-p", "MULTIMODAL", "--root", root);
        assertEquals(0, query.code(), query.err());
        assertTrue(query.out().contains("Deeplake keeps multimodal tables.") && query.out().contains("(1 row)"), query.out());

        Result tables = run("tables", "--root", root);
        assertEquals("notes" + System.lineSeparator(), tables.out());
    }

    @Test
    void aWorkspaceHeldByAnotherProcessIsOneLineWithExitCodeOne() throws Exception {
        Path root = tmp.resolve("root");
        try (Client holder = Client.builder().root(root).workspace("default").build()) {
            Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "tables", "--root", root.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(cli.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, cli.exitValue(), err);
            assertEquals("WorkspaceError: Workspace 'default' at " + root.resolve("default") + " is in use by another process (pid "
                    + ProcessHandle.current().pid() + "); close it there or use another root" + System.lineSeparator(), err);
        }
    }

    @Test
    void userErrorsAreOneLineWithExitCodeOne() {
        Result r = run("ingest", "notes", tmp.resolve("missing.txt").toString(), "--root", tmp.toString());
        assertEquals(1, r.code());
        assertEquals("IngestError: File not found: " + tmp.resolve("missing.txt") + System.lineSeparator(), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");

        Result bad = run("query", "SELEC nonsense", "--root", tmp.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("TableError: "), bad.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("ingest").code());
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void pluginsAreListedInstalledAndRemoved() throws IOException {
        Path builtText = Path.of(System.getProperty("deeplake.test.plugins"), "deeplake-plugin-text.jar");
        Path folder = tmp.resolve("plugins");
        String plugins = "--plugins=" + folder;
        Result install = run("plugins", "install", builtText.toString(), plugins);
        assertEquals(0, install.code(), install.err());
        assertTrue(Files.exists(folder.resolve("deeplake-plugin-text.jar")));

        Result list = run("plugins", plugins);
        assertTrue(list.out().contains("deeplake-plugin-text 0.1.0-SNAPSHOT chunker text"), list.out());
        assertTrue(list.out().contains("deeplake-plugin-pdf") && list.out().contains("[pdf]"), "missing plugins are listed: " + list.out());

        Result remove = run("plugins", "remove", "deeplake-plugin-text", plugins);
        assertEquals(0, remove.code(), remove.err());
        assertTrue(Files.notExists(folder.resolve("deeplake-plugin-text.jar")));
        Result again = run("plugins", "remove", "deeplake-plugin-text", plugins);
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("IngestError: No installed plugin has the id 'deeplake-plugin-text'"), again.err());
        Result notAPlugin = run("plugins", "install", Files.writeString(tmp.resolve("x.jar"), "junk").toString(), plugins);
        assertEquals(1, notAPlugin.code());
    }
}
