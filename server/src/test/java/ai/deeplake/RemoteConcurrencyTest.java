package ai.deeplake;

/** The {@link ConcurrencySuite} against a real server on a loopback port. */
class RemoteConcurrencyTest extends ConcurrencySuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
