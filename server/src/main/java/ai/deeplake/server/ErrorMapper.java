package ai.deeplake.server;

import ai.deeplake.api.IngestError;
import ai.deeplake.api.TableError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into error answers, {@code {"error": "<message>", "code":
 * "<CODE>"}} with a status:
 * <ul>
 *   <li>{@link ApiException}: its own status and code;</li>
 *   <li>{@link TableError} (bad SQL, a failed statement, a timeout): 400 {@code QUERY_ERROR};</li>
 *   <li>{@link IngestError} (rows a table cannot hold, on the frame ingest endpoint): 400 {@code INGEST_ERROR};</li>
 *   <li>Javalin's own answers: an unknown route 404 {@code NOT_FOUND}, a body over the limit 413
 *       {@code PAYLOAD_TOO_LARGE}, others by status;</li>
 *   <li>anything else: 500 {@code INTERNAL} with a generic message; the detail goes to the log only.</li>
 * </ul>
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    /** Marks a response that already carries an error answer. */
    private static final String WRITTEN = "deeplake.error-written";

    /** A failure as the client sees it. */
    record Failure(int status, String code, String message, int retryAfterSeconds) {
        /** @return the JSON error object */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            body.put("code", code);
            return body;
        }
    }

    private final ObjectMapper json;

    ErrorMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Routes every exception of every route through {@link #describe}, and answers requests that
     * match no route: Javalin answers those in plain text without raising an exception, then runs
     * the 404 error handler, which also runs after our own 404 answers (marked, and left alone).
     */
    void register(RoutesConfig routes) {
        routes.exception(Exception.class, (e, ctx) -> write(ctx, describe(e, ctx.method() + " " + ctx.path())));
        routes.error(404, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, new Failure(404, "NOT_FOUND", "Not found: " + ctx.path(), 0));
            }
        });
    }

    /**
     * @param request the method and path, for the log
     * @return what the client is told about {@code e}; a 500 is logged with its stack trace
     */
    static Failure describe(Throwable e, String request) {
        if (e instanceof ApiException api) {
            return new Failure(api.status(), api.code(), api.getMessage(), api.retryAfterSeconds());
        }
        if (e instanceof TableError table) {
            return new Failure(400, "QUERY_ERROR", table.getMessage(), 0);
        }
        if (e instanceof IngestError ingest) {
            return new Failure(400, "INGEST_ERROR", ingest.getMessage(), 0);
        }
        if (e instanceof HttpResponseException http) {
            return fromJavalin(http, request);
        }
        LOG.error("{} failed", request, e);
        return new Failure(500, "INTERNAL", "Internal server error; the server log has the details", 0);
    }

    private static Failure fromJavalin(HttpResponseException e, String request) {
        return switch (e.getStatus()) {
            case 404 -> new Failure(404, "NOT_FOUND", "Not found: " + request.substring(request.indexOf(' ') + 1), 0);
            case 405 -> new Failure(405, "METHOD_NOT_ALLOWED", "Method not allowed: " + request, 0);
            case 413 -> new Failure(413, "PAYLOAD_TOO_LARGE", "Request body is larger than the server's limit", 0);
            default -> new Failure(e.getStatus(), e.getStatus() < 500 ? "BAD_REQUEST" : "INTERNAL", e.getMessage(), 0);
        };
    }

    /** Answers {@code ctx} with the failure. */
    void write(Context ctx, Failure failure) {
        ctx.attribute(WRITTEN, true);
        ctx.status(failure.status());
        if (failure.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Integer.toString(failure.retryAfterSeconds()));
        }
        try {
            ctx.contentType("application/json").result(json.writeValueAsBytes(failure.body()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
