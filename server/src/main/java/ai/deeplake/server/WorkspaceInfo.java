package ai.deeplake.server;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A workspace as {@code GET /workspaces} lists it, and as its {@code workspace.json} stores it.
 *
 * @param type always {@code "local"}: the tables live in this server's root folder
 * @param createdAt ISO-8601 UTC instant
 */
record WorkspaceInfo(
        @JsonProperty("id") String id,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("name") String name,
        @JsonProperty("type") String type,
        @JsonProperty("created_at") String createdAt) {
}
