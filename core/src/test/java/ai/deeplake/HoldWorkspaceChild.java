package ai.deeplake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link TwoProcessesTest}: opens the embedded root given as its argument, ingests
 * {@value #ROWS} rows into table {@value #TABLE}, says {@code READY} and holds the workspace open
 * until its stdin closes.
 */
public final class HoldWorkspaceChild {
    static final String TABLE = "held";
    static final int ROWS = 3;

    private HoldWorkspaceChild() {
    }

    public static void main(String[] args) throws IOException {
        try (Client client = CrashIngestChild.open(Path.of(args[0]))) {
            client.ingest(TABLE, Map.of("n", List.of(1L, 2L, 3L)));
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // Holding the workspace until the parent lets go.
            }
        }
    }
}
