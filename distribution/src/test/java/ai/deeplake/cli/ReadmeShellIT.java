package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shell commands, run verbatim with bash against the built archive.
 *
 * <p>The convention in README.md: a {@code <!-- run: quickstart -->} line before a {@code ```sh}
 * block marks it to be run; the marked blocks run in order in one bash ({@code set -euo pipefail}),
 * so each continues the shell of the one before. A {@code <!-- output: quickstart -->} line before
 * the {@code ```text} block that follows a run block gives that block's expected output: each of its
 * lines must be a line of the output, in order (other lines may come between), where {@code ...}
 * stands for any text (timings, versions, timestamps). HOME and TMPDIR point into a temp folder, so
 * the archive is unpacked there and nothing is left behind; the working directory is the repository.
 */
class ReadmeShellIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RUN = Pattern.compile("<!-- run: quickstart -->\\n```sh\\n(.*?)```"
            + "(?:\\s*<!-- output: quickstart -->\\n```text\\n(.*?)```)?", Pattern.DOTALL);
    private static final String MARK = "@@ README block ";

    @TempDir
    Path tmp;

    record Block(String commands, List<String> expected) {}

    /** @return the marked blocks of the README, in order, with their expected output (empty when none is given) */
    static List<Block> blocks(String readme) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = RUN.matcher(readme);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2) == null ? List.of() : m.group(2).lines().toList()));
        }
        return blocks;
    }

    private CommandRun bash(String script) throws IOException, InterruptedException {
        Path file = Files.writeString(tmp.resolve("script.sh"), script);
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(REPO.toFile());
        pb.environment().keySet().removeIf(name -> name.startsWith("DEEPLAKE_"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
        // The JDK running the tests runs the README too (CI runs JDK 17 and 25).
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        pb.environment().remove("JAVA_HOME");
        return CommandRun.run(pb, tmp.resolve("output.txt"), Duration.ofMinutes(5));
    }

    @Test
    void quickStartRunsAgainstTheArchiveAndPrintsWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        List<Block> blocks = blocks(readme);
        assertTrue(blocks.size() >= 5, "the quick start has its blocks: " + blocks.size());
        assertEquals(readme.split("<!-- output: quickstart -->", -1).length - 1, blocks.stream().filter(b -> !b.expected().isEmpty()).count(),
                "every expected output directly follows a block to run");
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        // A failing block must not leave `deeplake serve` running after the script.
        script.append("trap 'jobs -p | xargs -r kill 2>/dev/null' EXIT\n");
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo '").append(MARK).append(i).append("'\n").append(blocks.get(i).commands());
        }
        script.append("wait\n");
        CommandRun run = bash(script.toString());
        assertEquals(0, run.code(), run.out());

        String[] outputs = run.out().split(Pattern.quote(MARK) + "\\d+\\n", -1);
        assertEquals(blocks.size() + 1, outputs.length, run.out());
        for (int i = 0; i < blocks.size(); i++) {
            assertPrints(blocks.get(i), outputs[i + 1]);
        }
        String search = "text                                               | score";
        List<String> embedded = table(run.out().substring(0, run.out().lastIndexOf(search)), search);
        List<String> remote = table(run.out().substring(run.out().lastIndexOf(search)), search);
        assertFalse(embedded.isEmpty(), run.out());
        assertEquals(embedded, remote, "the remote search answers what the embedded one did");
    }

    /** Checks that each expected line appears in the output, in order. */
    private static void assertPrints(Block block, String output) {
        List<String> lines = output.lines().map(String::stripTrailing).toList();
        int at = 0;
        for (String expected : block.expected()) {
            Pattern line = Pattern.compile(Arrays.stream(expected.stripTrailing().split("\\.\\.\\.", -1)).map(Pattern::quote)
                    .reduce((a, b) -> a + ".*" + b).orElseThrow());
            while (at < lines.size() && !line.matcher(lines.get(at)).matches()) {
                at++;
            }
            if (at == lines.size()) {
                fail("The README block\n" + block.commands() + "printed\n" + output + "\nwithout the line (in order)\n" + expected);
            }
            at++;
        }
    }

    /** @return the first table with this header in the output, header to row count */
    private static List<String> table(String output, String header) {
        List<String> lines = output.lines().toList();
        int from = lines.indexOf(header);
        if (from < 0) {
            return List.of();
        }
        int to = from;
        while (to < lines.size() && !lines.get(to).matches("\\(\\d+ rows?\\)")) {
            to++;
        }
        return lines.subList(from, Math.min(lines.size(), to + 1));
    }

    @Test
    void theSetUpCommandIngestsAndQueriesWithTheBuiltDistribution() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher setUp = Pattern.compile("## Set up\\n.*?```sh\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(setUp.find(), "README has the set-up command");
        String command = setUp.group(1);
        // The build itself (mvn ... install) is what runs this test; what follows it runs here.
        assertTrue(command.startsWith("mvn ") && command.contains(" && "), command);
        CommandRun run = bash("set -euo pipefail\n" + command.substring(command.indexOf(" && ") + 4) + "\n");
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("Ingested 3 rows from 3 files into table 'notes'"), run.out());
        assertTrue(run.out().contains("(2 rows)") && run.out().contains("chunk_index | text"), run.out());
    }
}
