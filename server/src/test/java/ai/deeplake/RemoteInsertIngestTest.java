package ai.deeplake;

/**
 * The {@link ClientIngestSuite} against a server that does not offer the binary frame ingest: the
 * client must find that out from {@code /me} and ingest through {@code /tables/query/batch} (the
 * server has no {@code /tables/{table}/ingest} route at all, so a client that did not would fail).
 */
class RemoteInsertIngestTest extends ClientIngestSuite {
    @Override
    protected ClientMode mode() {
        return RemoteMode.WITHOUT_FRAME_INGEST;
    }
}
