package ai.deeplake.api;

/** The workspace does not exist, is not accessible, or has no storage. */
public class WorkspaceError extends ManagedServiceError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public WorkspaceError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public WorkspaceError(String message, Throwable cause) {
        super(message, cause);
    }
}
