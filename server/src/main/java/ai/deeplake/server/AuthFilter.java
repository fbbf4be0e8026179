package ai.deeplake.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every matched route: checks the {@code Authorization: Bearer <jwt>} header (all routes
 * but {@code /health} and {@code /ready}) and the optional {@code X-Activeloop-Org-Id} header, which
 * must name the token's own organization. Routes read the result with {@link #caller}.
 */
final class AuthFilter implements Handler {
    /** The header the SDK clients send with the organization they act for. */
    static final String ORG_HEADER = "X-Activeloop-Org-Id";
    private static final Set<String> PUBLIC_PATHS = Set.of("/health", "/ready");
    private static final String CALLER = "deeplake.caller";
    private static final String BEARER = "bearer ";

    private final Tokens tokens;

    AuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path().length() > 1 && ctx.path().endsWith("/") ? ctx.path().substring(0, ctx.path().length() - 1) : ctx.path();
        if (PUBLIC_PATHS.contains(path)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw ApiException.unauthorized("Token required");
        }
        if (!header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            throw ApiException.unauthorized("Invalid Authorization header: use 'Bearer <token>'");
        }
        Caller caller = tokens.verify(header.substring(BEARER.length()).trim());
        String org = ctx.header(ORG_HEADER);
        if (org != null && !org.isBlank() && !org.trim().equals(caller.org())) {
            throw ApiException.forbidden("Token is for organization '" + caller.org() + "', not '" + org.trim() + "'");
        }
        ctx.attribute(CALLER, caller);
    }

    /** @return the verified caller of an authenticated route */
    static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("route " + ctx.path() + " ran without authentication");
        }
        return caller;
    }
}
