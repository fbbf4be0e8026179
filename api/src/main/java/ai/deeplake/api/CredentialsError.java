package ai.deeplake.api;

/** Fetching the credentials of a table's storage failed. */
public class CredentialsError extends ManagedServiceError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public CredentialsError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public CredentialsError(String message, Throwable cause) {
        super(message, cause);
    }
}
