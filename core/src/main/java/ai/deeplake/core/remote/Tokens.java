package ai.deeplake.core.remote;

import ai.deeplake.api.TokenError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the organization from an API token, a JWT: the claim {@code org_id}, else {@code OrgID}, else
 * {@code org}. The signature is the server's business; the client only reads the claims.
 */
final class Tokens {
    private Tokens() {}

    /** @throws TokenError when the token is not a JWT with a JSON payload */
    static Optional<String> orgId(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new TokenError("Token is not a JWT (expected three dot-separated parts)");
        }
        JsonNode claims;
        try {
            claims = ApiClient.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IllegalArgumentException | IOException e) {
            throw new TokenError("Token payload is not base64url JSON: " + e.getMessage(), e);
        }
        for (String claim : new String[] {"org_id", "OrgID", "org"}) {
            if (claims.hasNonNull(claim) && !claims.get(claim).asText().isBlank()) {
                return Optional.of(claims.get(claim).asText());
            }
        }
        return Optional.empty();
    }
}
