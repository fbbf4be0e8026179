package ai.deeplake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One client on one fresh workspace for all the tests of a class, for suites of many small cases that
 * each check the workspace is intact afterwards: opening a workspace per case would cost more than
 * the cases themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedClientFixture {
    /** A scratch folder for the whole class, deleted after it. */
    protected Path tmp;
    protected Client client;

    /** @return how this run reaches a workspace: embedded or through a server */
    protected abstract ClientMode mode();

    /** @return plugin folders for the client; none by default */
    protected Path[] pluginDirs() throws IOException {
        return new Path[0];
    }

    @BeforeAll
    void connectOnce() throws IOException {
        tmp = Files.createTempDirectory("deeplake-suite");
        client = mode().connect(tmp.resolve("root"), pluginDirs());
    }

    @AfterAll
    void disconnect() throws IOException {
        try {
            client.close();
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
