package ai.deeplake.api;

/** The token could not be parsed. */
public class TokenError extends AuthError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public TokenError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public TokenError(String message, Throwable cause) {
        super(message, cause);
    }
}
