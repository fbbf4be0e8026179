package ai.deeplake.plugin.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.IngestError;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a shell that prints its process id, then sleeps far longer than the test waits. */
class ToolRunTest {
    private static final List<String> SLEEPER = List.of("sh", "-c", "echo $$; exec sleep 60");

    @TempDir
    Path dir;

    @Test
    void killsAProcessThatStalls() throws IOException {
        try (ToolRun run = ToolRun.start("sleeper", SLEEPER, dir.resolve("err"), Duration.ofMillis(300))) {
            ProcessHandle process = ProcessHandle.of(Long.parseLong(run.nextLine())).orElseThrow();
            IngestError e = assertThrows(IngestError.class, run::nextLine);
            assertTrue(e.getMessage().startsWith("sleeper printed nothing for "), e.getMessage());
            assertFalse(process.isAlive(), "the stalled process was killed");
        }
    }

    @Test
    void killsTheProcessWhenTheCallerIsInterrupted() throws IOException {
        try (ToolRun run = ToolRun.start("sleeper", SLEEPER, dir.resolve("err"), Duration.ofMinutes(1))) {
            ProcessHandle process = ProcessHandle.of(Long.parseLong(run.nextLine())).orElseThrow();
            Thread.currentThread().interrupt();
            assertThrows(InterruptedIOException.class, run::nextLine);
            assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
            assertFalse(process.isAlive(), "the process was killed");
        }
    }

    @Test
    void closeKillsARunningProcess() throws IOException {
        ProcessHandle process;
        try (ToolRun run = ToolRun.start("sleeper", SLEEPER, dir.resolve("err"), Duration.ofMinutes(1))) {
            process = ProcessHandle.of(Long.parseLong(run.nextLine())).orElseThrow();
        }
        assertFalse(process.isAlive());
    }

    @Test
    void reportsTheExitCodeAndStandardError() throws IOException {
        List<String> failing = List.of("sh", "-c", "echo out; echo bad input >&2; exit 3");
        try (ToolRun run = ToolRun.start("failing", failing, dir.resolve("err"), Duration.ofMinutes(1))) {
            assertEquals("out", run.nextLine());
            assertNull(run.nextLine());
            assertEquals(3, run.finish());
            assertEquals("bad input", run.errors());
        }
    }

    @Test
    void keepsTheStartOfALongStandardErrorAndReplacesBytesThatAreNotUtf8() throws IOException {
        List<String> noisy = List.of("sh", "-c", "printf '\\377' >&2; head -c 5000 /dev/zero | tr '\\0' x >&2; exit 1");
        try (ToolRun run = ToolRun.start("noisy", noisy, dir.resolve("err"), Duration.ofMinutes(1))) {
            assertEquals(1, run.finish());
            assertEquals("\uFFFD" + "x".repeat(1999) + " ...", run.errors());
        }
    }
}
