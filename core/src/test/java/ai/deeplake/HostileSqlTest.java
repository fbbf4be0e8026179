package ai.deeplake;

/** The {@link HostileSqlSuite} on the embedded engine. */
class HostileSqlTest extends HostileSqlSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
