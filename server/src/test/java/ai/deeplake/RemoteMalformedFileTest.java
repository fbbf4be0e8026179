package ai.deeplake;

/** The {@link MalformedFileSuite} against a real server on a loopback port. */
class RemoteMalformedFileTest extends MalformedFileSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
