package ai.deeplake;

/** The {@link HostileSqlSuite} against a real server on a loopback port. */
class RemoteHostileSqlTest extends HostileSqlSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
