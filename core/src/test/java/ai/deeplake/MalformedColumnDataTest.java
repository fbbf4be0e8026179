package ai.deeplake;

/** The {@link MalformedColumnDataSuite} on the embedded engine. */
class MalformedColumnDataTest extends MalformedColumnDataSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
