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

/**
 * Two users of one embedded root: a second process gets a clear error naming the first and harms no
 * data; two Clients in one process share the workspace, indexes included.
 */
class SharedRootTest {
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

    @Test
    void twoClientsInOneProcessSeeAndIndexEachOthersWrites() {
        String bestCherry = "SELECT text FROM t ORDER BY text <#> 'cherry' DESC LIMIT 1";
        try (Client second = CrashIngestChild.open(root)) {
            try (Client first = CrashIngestChild.open(root)) {
                first.ingest("t", Map.of("text", List.of("apple pie", "banana split")));
                assertEquals("apple pie", first.query(bestCherry).get(0).getString("text"), "no cherry yet: ties in table order");
                second.ingest("t", Map.of("text", List.of("cherry tart")));
                assertEquals("cherry tart", first.query(bestCherry).get(0).getString("text"), "the first's index has the second's row");
                assertEquals("cherry tart", second.query(bestCherry).get(0).getString("text"), "the second searches the same index");
            }
            second.ingest("t", Map.of("text", List.of("cherry pie")));
            assertEquals(4, second.query("SELECT count(*) AS c FROM t").get(0).getLong("c"), "closing one leaves the other working");
            assertEquals(2, second.query("SELECT text, text <#> 'cherry' AS s FROM t ORDER BY s DESC").stream()
                    .filter(r -> r.getDouble("s") > 0).count());
        }
        try (Client again = CrashIngestChild.open(root)) {
            assertEquals(4, again.query("SELECT count(*) AS c FROM t").get(0).getLong("c"));
        }
    }
}
