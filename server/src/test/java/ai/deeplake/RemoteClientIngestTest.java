package ai.deeplake;

/** The {@link ClientIngestSuite} against a real server on a loopback port. */
class RemoteClientIngestTest extends ClientIngestSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
