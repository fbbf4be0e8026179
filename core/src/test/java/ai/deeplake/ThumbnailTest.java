package ai.deeplake;

/** The {@link ThumbnailSuite} on the embedded engine. */
class ThumbnailTest extends ThumbnailSuite {
    @Override
    protected ClientMode mode() {
        return ClientMode.EMBEDDED;
    }
}
