package ai.deeplake;

/** The {@link ConcurrencySuite} on the embedded engine. */
class ConcurrencyTest extends ConcurrencySuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
