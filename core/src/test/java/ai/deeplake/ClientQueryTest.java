package ai.deeplake;

/** The {@link ClientQuerySuite} on the embedded engine. */
class ClientQueryTest extends ClientQuerySuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
