package ai.deeplake.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A finished child process: its exit code and everything it printed (stdout and stderr).
 *
 * @param code the exit code
 * @param out the output
 */
record CommandRun(int code, String out) {

    /**
     * Starts {@code command} with its output going to {@code output}, a file, so that a hanging command
     * meets {@code limit} instead of a blocked read; then it and its children are killed and the test fails.
     */
    static CommandRun run(ProcessBuilder command, Path output, Duration limit) throws IOException, InterruptedException {
        Process p = command.redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("did not finish in " + limit + ": " + String.join(" ", command.command()) + "\n" + Files.readString(output));
        }
        return new CommandRun(p.exitValue(), Files.readString(output));
    }
}
