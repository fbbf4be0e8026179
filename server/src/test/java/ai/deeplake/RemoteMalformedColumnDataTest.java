package ai.deeplake;

/** The {@link MalformedColumnDataSuite} against a real server on a loopback port. */
class RemoteMalformedColumnDataTest extends MalformedColumnDataSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
