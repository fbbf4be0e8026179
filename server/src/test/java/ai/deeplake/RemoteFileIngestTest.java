package ai.deeplake;

/** The {@link FileIngestSuite} against a real server on a loopback port. */
class RemoteFileIngestTest extends FileIngestSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
