package ai.deeplake.core.remote;

import ai.deeplake.api.AuthError;
import ai.deeplake.api.IngestError;
import ai.deeplake.api.ManagedServiceError;
import ai.deeplake.api.TableError;
import ai.deeplake.api.WorkspaceError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one mapping from an HTTP error answer ({@code {"error": "...", "code": "..."}}) to the SDK's
 * error classes: 400 -> TableError (SQL), IngestError (bulk ingest) or WorkspaceError (workspace requests), 401 -> AuthError,
 * 403 -> WorkspaceError (another organization's), 404 -> WorkspaceError for an unknown workspace and
 * TableError otherwise, 409 -> TableError, anything else -> ManagedServiceError.
 */
final class HttpErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpErrors() {}

    /** What a request was about, which decides the error class of a 400 or 404. */
    enum Subject { WORKSPACE, TABLES, QUERY, INGEST, OTHER }

    static ManagedServiceError map(int status, String body, String method, String path, Subject subject) {
        String message = message(body, status);
        return switch (status) {
            case 400 -> switch (subject) {
                case WORKSPACE -> new WorkspaceError(message);
                case INGEST -> new IngestError(message);
                default -> new TableError(message);
            };
            case 401 -> new AuthError(message);
            case 403 -> new WorkspaceError(message);
            case 404 -> message.startsWith("Not found: /workspaces/") && message.endsWith("/tables") || subject == Subject.WORKSPACE
                    ? new WorkspaceError(message) : new TableError(message);
            case 408 -> new TableError(message);
            case 409 -> new TableError(message);
            default -> new ManagedServiceError(method + " " + path + " failed with HTTP " + status + ": " + message);
        };
    }

    /** @return the server's {@code error} text, else the body itself, else the status */
    static String message(String body, int status) {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.hasNonNull("error")) {
                    return node.get("error").asText();
                }
                if (node != null && node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (java.io.IOException notJson) {
                return body.length() > 500 ? body.substring(0, 500) + "..." : body;
            }
            return body;
        }
        return "HTTP " + status;
    }
}
