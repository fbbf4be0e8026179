package ai.deeplake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.deeplake.api.WorkspaceError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes on one embedded root: the second gets a clear error naming the first, and no data is harmed. */
class TwoProcessesTest {
    @TempDir
    Path root;
    @TempDir
    Path logs;

    @Test
    void aSecondProcessIsToldWhichProcessHoldsTheWorkspace() {
        try (ChildJvm holder = new ChildJvm(HoldWorkspaceChild.class, logs.resolve("holder.err"), root.toString())) {
            assertEquals("READY", holder.next(60));
            WorkspaceError e = assertThrows(WorkspaceError.class, () -> CrashIngestChild.open(root));
            assertTrue(e.getMessage().startsWith("Workspace 'ws' at " + root.resolve("ws")
                    + " is in use by another process (pid " + holder.pid() + ")"), e.getMessage());
            assertTrue(e.getMessage().indexOf('\n') < 0, "one line: " + e.getMessage());
            holder.kill();
        }
        try (Client client = CrashIngestChild.open(root)) {
            assertEquals(List.of(1L, 2L, 3L), client.query("SELECT n FROM " + HoldWorkspaceChild.TABLE + " ORDER BY n").stream()
                    .map(r -> r.getLong("n")).toList(), "what the holder committed is intact");
            client.ingest(HoldWorkspaceChild.TABLE, Map.of("n", List.of(4L)));
            assertEquals(4, client.query("SELECT count(*) AS c FROM " + HoldWorkspaceChild.TABLE).get(0).getLong("c"));
        }
    }
}
