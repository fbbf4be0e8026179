package ai.deeplake.api;

/** Ingesting data failed: bad input, a missing file or plugin, or an incompatible schema. */
public class IngestError extends ManagedServiceError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public IngestError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public IngestError(String message, Throwable cause) {
        super(message, cause);
    }
}
