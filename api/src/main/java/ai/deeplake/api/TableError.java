package ai.deeplake.api;

/** A table operation or query failed: SQL errors, timeouts, unknown tables, index errors. */
public class TableError extends ManagedServiceError {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the thing at fault */
    public TableError(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the thing at fault
     * @param cause the underlying failure
     */
    public TableError(String message, Throwable cause) {
        super(message, cause);
    }
}
