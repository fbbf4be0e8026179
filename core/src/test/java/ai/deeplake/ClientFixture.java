package ai.deeplake;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What every Client suite starts from: a client on a fresh workspace of the run's mode, closed after each test. */
public abstract class ClientFixture {
    @TempDir
    protected Path root;
    protected Client client;

    /** @return how this run reaches a workspace: embedded or through a server */
    protected abstract ClientMode mode();

    @BeforeEach
    void connect() {
        client = mode().connect(root);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }
}
