package ai.deeplake;

/** The {@link MalformedFileSuite} on the embedded engine. */
class MalformedFileTest extends MalformedFileSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
