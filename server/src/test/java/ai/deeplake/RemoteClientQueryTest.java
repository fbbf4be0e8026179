package ai.deeplake;

/** The {@link ClientQuerySuite} against a real server on a loopback port. */
class RemoteClientQueryTest extends ClientQuerySuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
