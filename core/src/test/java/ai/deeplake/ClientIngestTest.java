package ai.deeplake;

/** The {@link ClientIngestSuite} on the embedded engine. */
class ClientIngestTest extends ClientIngestSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
