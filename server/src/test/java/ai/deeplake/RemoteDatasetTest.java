package ai.deeplake;

/** The {@link DatasetSuite} against a real server on a loopback port. */
class RemoteDatasetTest extends DatasetSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
