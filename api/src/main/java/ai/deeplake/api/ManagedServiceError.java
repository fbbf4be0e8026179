package ai.deeplake.api;

/** Base class of every error the Deeplake SDK throws. */
public class ManagedServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public ManagedServiceError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public ManagedServiceError(String message, Throwable cause) {
        super(message, cause);
    }
}
