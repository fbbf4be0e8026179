package ai.deeplake;

/** The {@link DatasetSuite} on the embedded engine. */
class DatasetTest extends DatasetSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
