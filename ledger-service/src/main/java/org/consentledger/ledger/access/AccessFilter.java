package org.consentledger.ledger.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.RateLimited;
import org.consentledger.ledger.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request through only with a bearer token whose key has the role its path needs, for the site in its path.
 * A filter in front of everything (actuator included), so that no endpoint can be added without a rule.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AccessFilter extends OncePerRequestFilter {

    /** The request attribute holding the caller's key, for answers that depend on which sites it reaches. */
    public static final String KEY_ATTRIBUTE = "org.consentledger.ledger.access.key";

    private static final String BEARER = "Bearer ";

    private final AccessKeys keys;
    private final JsonMapper json;
    private final KeyRateLimits rateLimits;

    AccessFilter(AccessKeys keys, JsonMapper json, KeyRateLimits.Properties rateLimit) {
        this.keys = keys;
        this.json = json;
        this.rateLimits = new KeyRateLimits(rateLimit);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequiredAccess required = RequiredAccess.of(request.getMethod(), RequiredAccess.routedPath(request));
        Optional<AccessProperties.Key> key = token(request).flatMap(keys::byToken);
        if (!required.open()) {
            if (key.isEmpty()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                refuse(request, response, new LedgerRejection(LedgerRejection.Kind.UNAUTHENTICATED, "Authorization",
                        "this request needs 'Authorization: Bearer <token>' with a token the ledger knows"));
                return;
            }
            if (!key.get().allows(required)) {
                refuse(request, response, new LedgerRejection(LedgerRejection.Kind.FORBIDDEN,
                        required.site() == null ? null : "siteId",
                        required.site() == null
                                ? "this key does not have the %s role".formatted(role(required))
                                : "this key does not have the %s role for site '%s'".formatted(role(required),
                                        required.site())));
                return;
            }
        }
        if (key.isPresent() && !required.open()) {
            Duration wait = rateLimits.take(key.get().name());
            if (!wait.isZero()) {
                refuse(request, response, new RateLimited(null, "this key has made more requests than it may "
                        + "(ledger.access.rate-limit); ask again in %d s".formatted(RateLimited.seconds(wait)), wait));
                return;
            }
        }
        key.ifPresent(k -> request.setAttribute(KEY_ATTRIBUTE, k));
        chain.doFilter(key.isPresent() ? new Authenticated(request, key.get()) : request, response);
    }

    private static Optional<String> token(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Optional.of(header.substring(BEARER.length()).strip()) : Optional.empty();
    }

    private static String role(RequiredAccess required) {
        return required.role().name().toLowerCase(Locale.ROOT);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, LedgerRejection rejection)
            throws IOException {
        ProblemResponses.write(request, response, rejection, json);
    }

    /** The key as the request's user, so that what looks at roles (the health details) sees it. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final AccessProperties.Key key;

        Authenticated(HttpServletRequest request, AccessProperties.Key key) {
            super(request);
            this.key = key;
        }

        @Override
        public Principal getUserPrincipal() {
            return key::name;
        }

        @Override
        public String getRemoteUser() {
            return key.name();
        }

        @Override
        public boolean isUserInRole(String role) {
            return key.roles().stream().anyMatch(r -> r.name().equalsIgnoreCase(role));
        }
    }
}
