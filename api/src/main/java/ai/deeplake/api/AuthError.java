package ai.deeplake.api;

/** The token is missing, invalid or expired, or carries no organization. */
public class AuthError extends ManagedServiceError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public AuthError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public AuthError(String message, Throwable cause) {
        super(message, cause);
    }
}
