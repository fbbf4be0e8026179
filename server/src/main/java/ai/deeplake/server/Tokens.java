package ai.deeplake.server;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.JWTVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * HS256 JWTs signed with the server secret: minting ({@code deeplake token}, tests) and verifying
 * (every authenticated request). A token must carry {@code exp} and an organization in
 * {@code org_id}, else {@code OrgID}, else {@code org} — the claims the SDK clients read.
 */
final class Tokens {
    /** The claims that may name the organization, in the order they are read. */
    static final List<String> ORG_CLAIMS = List.of("org_id", "OrgID", "org");
    /** Clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    private static final long LEEWAY_SECONDS = 30;

    private final JWTVerifier verifier;

    /** @param secret the server secret (HMAC key) */
    Tokens(String secret) {
        this.verifier = JWT.require(Algorithm.HMAC256(secret)).withClaimPresence("exp").acceptLeeway(LEEWAY_SECONDS).build();
    }

    /**
     * Mints a token for {@code org}.
     *
     * @param sub the subject (a user or service name); null means the organization
     * @param ttl how long the token is valid
     * @return the compact JWT
     * @throws IllegalArgumentException when {@code org} is not a valid organization id or the ttl is not positive
     */
    public static String mint(String secret, String org, String sub, Duration ttl) {
        if (!Ids.valid(org)) {
            throw new IllegalArgumentException("Invalid organization id '" + org + "': use " + Ids.rule());
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The token lifetime must be positive, got " + ttl);
        }
        Instant now = Instant.now();
        return JWT.create()
                .withClaim("org_id", org)
                .withSubject(sub == null ? org : sub)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .sign(Algorithm.HMAC256(secret));
    }

    /**
     * @param token the compact JWT from the {@code Authorization: Bearer} header
     * @return the caller it names
     * @throws ApiException 401 when the token is malformed, forged, expired, or names no valid organization
     */
    Caller verify(String token) {
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw ApiException.unauthorized("Token expired");
        } catch (MissingClaimException e) {
            throw ApiException.unauthorized("Invalid token: it has no expiry (exp)");
        } catch (JWTDecodeException e) {
            throw ApiException.unauthorized("Invalid token: not a JWT");
        } catch (JWTVerificationException e) {
            // Wrong signature or algorithm: the token was not issued with this server's secret.
            throw ApiException.unauthorized("Invalid token: not signed by this server");
        }
        String org = ORG_CLAIMS.stream().map(c -> jwt.getClaim(c).asString()).filter(o -> o != null && !o.isEmpty())
                .findFirst().orElseThrow(() -> ApiException.unauthorized("Token does not contain org_id"));
        if (!Ids.valid(org)) {
            throw ApiException.unauthorized("Invalid token: org_id '" + org + "' is not a valid organization id");
        }
        String subject = jwt.getSubject();
        return new Caller(org, subject == null || subject.isEmpty() ? org : subject);
    }
}
