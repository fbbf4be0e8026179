package ai.deeplake.formats.coco;

/**
 * One element of a COCO file is malformed; {@link CocoJson} turns it into an {@link ai.deeplake.api.IngestError}
 * naming the file, the list and the element's position and id.
 */
final class BadJson extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadJson(String message) {
        super(message);
    }
}
