package ai.deeplake.server;

/**
 * A request that fails with a chosen HTTP status and error code; {@link ErrorMapper} turns it into
 * the {@code {"error": message, "code": code}} answer. The message is shown to the client, so it
 * never carries internals.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final int retryAfterSeconds;

    /** @param retryAfterSeconds sent as {@code Retry-After} when positive */
    ApiException(int status, String code, String message, int retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400 BAD_REQUEST: a request the server cannot read (missing field, wrong JSON type...). */
    static ApiException badRequest(String message) {
        return new ApiException(400, "BAD_REQUEST", message, 0);
    }

    /** 401 UNAUTHORIZED: a missing, malformed, expired or forged token. */
    static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message, 0);
    }

    /** 403 FORBIDDEN: a valid token used for another organization. */
    static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, 0);
    }

    /** 404 NOT_FOUND for a route or a workspace the caller's organization does not have. */
    static ApiException notFound(String path) {
        return new ApiException(404, "NOT_FOUND", "Not found: " + path, 0);
    }

    /** 404 TABLE_NOT_FOUND: the workspace exists, the table does not. */
    static ApiException tableNotFound(String table) {
        return new ApiException(404, "TABLE_NOT_FOUND", "Table '" + table + "' does not exist", 0);
    }

    /** 409 ALREADY_EXISTS. */
    static ApiException alreadyExists(String message) {
        return new ApiException(409, "ALREADY_EXISTS", message, 0);
    }

    /** 413 PAYLOAD_TOO_LARGE. */
    static ApiException tooLarge(long limitBytes) {
        return new ApiException(413, "PAYLOAD_TOO_LARGE",
                "Request body is larger than the server's limit of " + limitBytes + " bytes; send smaller batches", 0);
    }

    /** 503 OVERLOADED with {@code Retry-After}: every query slot is busy. */
    static ApiException overloaded(int retryAfterSeconds) {
        return new ApiException(503, "OVERLOADED", "Server is busy running other queries; retry later", retryAfterSeconds);
    }

    /** 503 UNAVAILABLE with {@code Retry-After}: the server is starting, stopping or cannot write its root. */
    static ApiException unavailable(String message) {
        return new ApiException(503, "UNAVAILABLE", message, 1);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the machine-readable error code */
    public String code() {
        return code;
    }

    /** @return seconds for {@code Retry-After}, 0 for none */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
