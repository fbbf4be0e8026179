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
import java.util.List;
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
    void statementsWithoutRowsPrintTheirCommandAsPsqlDoes() {
        String root = tmp.resolve("root").toString();
        String[][] statements = {
            {"/* a table of words */ CREATE TABLE IF NOT EXISTS words (w TEXT) -- one column", "CREATE TABLE"},
            {"INSERT INTO words (w) VALUES ('a'), ('b')", "INSERT"},
            {"create unique index words_w on words (w)", "CREATE INDEX"},
            {"DELETE FROM words WHERE w = 'a'", "DELETE"},
            {"SELECT w FROM words WHERE w = 'a'", "(0 rows)"},
            {"DROP TABLE words", "DROP TABLE"},
        };
        for (String[] statement : statements) {
            Result result = run("query", statement[0], "--root", root);
            assertEquals(0, result.code(), result.err());
            assertEquals(statement[1] + System.lineSeparator(), result.out(), statement[0]);
        }
    }

    @Test
    void aWorkspaceHeldByAnotherProcessIsOneLineWithExitCodeOne() throws Exception {
        Path root = tmp.resolve("root");
        try (Client holder = Client.builder().root(root).workspace("default").build()) {
            Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // The flags bin/deeplake passes, so the JVM's own warnings (JDK 24+) stay off stderr.
                    "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-Dguice_bytecode_gen_option=DISABLED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
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

    @Test
    void globsMatchAcrossFoldersAndFilesAreIngestedOnce() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("docs/a/b"));
        Files.writeString(docs.resolve("deep.txt"), "deep");
        Files.writeString(tmp.resolve("docs/top.txt"), "top");
        Files.writeString(tmp.resolve("docs/skip.md"), "not a txt");
        Files.writeString(tmp.resolve("docs/.hidden.txt"), "hidden");
        String glob = tmp.resolve("docs") + "/**/*.txt";
        assertEquals(List.of(tmp.resolve("docs/a/b/deep.txt").toString(), tmp.resolve("docs/top.txt").toString()),
                FileArguments.expand(List.of(glob, tmp.resolve("docs/top.txt").toString())),
                "** also matches no folder, as in bash; a file named twice is ingested once");
        assertEquals(List.of("pom.xml", "src/main/bin/deeplake", "src/main/bin/deeplake.bat"),
                FileArguments.expand(List.of("pom.x?l", "src/*/bin/deeplake*")), "relative globs, from the working directory");

        Result r = run("ingest", "notes", glob, "--root", tmp.resolve("root").toString(),
                "--plugins=" + System.getProperty("deeplake.test.plugins"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Ingested 2 rows from 2 files into table 'notes'"), r.out());

        Result none = run("ingest", "notes", tmp + "/docs/*.pdf", "--root", tmp.resolve("root").toString());
        assertEquals(1, none.code());
        assertEquals("IngestError: No files match " + tmp + "/docs/*.pdf" + System.lineSeparator(), none.err());
    }

    @Test
    void schemaIsForFormatIngestsOnly() throws IOException {
        Path txt = Files.writeString(tmp.resolve("a.txt"), "text");
        Result r = run("ingest", "notes", txt.toString(), "--schema", "text=JSON", "--root", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--schema applies to --format ingests"), r.err());
    }

    @Test
    void indexBuildsDeeplakeIndexesOnTextAndRefusesOtherTypes() throws IOException {
        String root = tmp.resolve("root").toString();
        Files.writeString(tmp.resolve("a.txt"), "red fox and blue whale");
        assertEquals(0, run("ingest", "notes", tmp.resolve("a.txt").toString(), "--root", root,
                "--plugins=" + System.getProperty("deeplake.test.plugins")).code());

        Result r = run("index", "notes", "text", "--root", root);
        assertEquals(0, r.code(), r.err());
        assertEquals("Indexed column 'text' of table 'notes'" + System.lineSeparator(), r.out());
        assertTrue(Files.isDirectory(tmp.resolve("root/default/indexes/notes/text")), "the BM25 index is on disk");

        Result wrongType = run("index", "notes", "chunk_index", "--root", root);
        assertEquals(1, wrongType.code());
        assertTrue(wrongType.err().startsWith("TableError: ") && wrongType.err().contains("chunk_index"), wrongType.err());
        assertEquals(2, run("index", "notes", "--root", root).code(), "a column is required");
    }

    @Test
    void verboseShowsTheStackTraceOfANestedCommand() {
        Result r = run("plugins", "remove", "no-such-plugin", "--plugins=" + tmp, "--verbose");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("IngestError: No installed plugin has the id 'no-such-plugin'"), r.err());
        assertTrue(r.err().contains("\tat ai.deeplake.cli.PluginsCommand$Remove.call"), r.err());
    }
}
