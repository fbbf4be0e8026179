package ai.deeplake;

/** The {@link ThumbnailSuite} against a real server on a loopback port. */
class RemoteThumbnailTest extends ThumbnailSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.INSTANCE;
    }
}
