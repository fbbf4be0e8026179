package ai.deeplake;

/** The {@link FileIngestSuite} on the embedded engine. */
class FileIngestTest extends FileIngestSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
