package org.consentledger.ledger.collect;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.RateLimited;
import org.consentledger.ledger.access.RequiredAccess;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every request to the public collection endpoint passes before its body is read: its address's and its site's
 * rate, and an {@code Origin} the site allows. Then it may read the answer (CORS), refusals included, so a page's
 * script can tell what was wrong. Preflight requests are answered here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class CollectionGate extends OncePerRequestFilter {

    /** The request attribute holding the site's settings, for the controller. */
    static final String SITE = "org.consentledger.ledger.collect.site";

    private static final String PREFLIGHT_MAX_AGE = "600";

    private final CollectionSites sites;
    private final JsonMapper json;
    private final RateBuckets addresses;
    private final RateBuckets siteRates;

    CollectionGate(CollectionSites sites, JsonMapper json, CollectionProperties properties) {
        this.sites = sites;
        this.json = json;
        this.addresses = new RateBuckets(properties.addressRequestsPerSecond(), properties.addressBurst(),
                Duration.ofSeconds(1), properties.trackedClients());
        this.siteRates = new RateBuckets(properties.siteRequestsPerSecond(), properties.siteBurst(),
                Duration.ofSeconds(1), properties.trackedClients());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequiredAccess.routedPath(request).startsWith(RequiredAccess.COLLECT);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
        try {
            Duration wait = addresses.take(request.getRemoteAddr());
            if (!wait.isZero()) {
                throw new RateLimited(null, "this address has sent more than it may for now "
                        + "(ledger.collect.address-requests-per-second); try again in %d s"
                        .formatted(RateLimited.seconds(wait)), wait);
            }
            CollectionSite site = site(RequiredAccess.routedPath(request));
            String origin = request.getHeader(HttpHeaders.ORIGIN);
            // Browsers name the origin of every write; a page reading from its own origin sends none.
            boolean sameOriginRead = origin == null && request.getMethod().equals("GET");
            if (!sameOriginRead && !site.allows(origin)) {
                throw new LedgerRejection(LedgerRejection.Kind.FORBIDDEN, "Origin", origin == null
                        ? "a browser's request names the page's origin (Origin); this one did not"
                        : "site '%s' does not collect from pages on '%s'".formatted(site.siteId(), origin));
            }
            if (origin != null) {
                response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
            }
            if (request.getMethod().equals("OPTIONS")) {
                preflight(request, response);
                return;
            }
            wait = siteRates.take(site.siteId());
            if (!wait.isZero()) {
                throw new RateLimited("siteId", "site '%s' receives more than it may for now "
                        .formatted(site.siteId()) + "(ledger.collect.site-requests-per-second); try again in %d s"
                        .formatted(RateLimited.seconds(wait)), wait);
            }
            request.setAttribute(SITE, site);
        } catch (LedgerRejection refused) {
            ProblemResponses.write(request, response, refused, json);
            return;
        }
        chain.doFilter(request, response);
    }

    private CollectionSite site(String path) {
        String rest = path.substring(RequiredAccess.COLLECT.length());
        int end = rest.indexOf('/');
        String siteId = Ids.site(end < 0 ? rest : rest.substring(0, end));
        Optional<CollectionSite> site = sites.find(siteId);
        return site.orElseThrow(() -> LedgerRejection.notFound("siteId",
                "site '%s' does not collect decisions from browsers".formatted(siteId)));
    }

    /** Only what the endpoint needs may be asked for: POST and GET, with a JSON or text body. */
    private static void preflight(HttpServletRequest request, HttpServletResponse response) {
        String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        boolean methodAllowed = method == null || method.equals("POST") || method.equals("GET");
        boolean headersAllowed = headers == null || Arrays.stream(headers.split(","))
                .map(h -> h.strip().toLowerCase(Locale.ROOT))
                .allMatch(h -> h.isEmpty() || h.equals("content-type"));
        if (methodAllowed && headersAllowed) {
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "POST, GET");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
            response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE);
        }
        // Without the allow headers the browser refuses the request itself; the page learns nothing more from a 403.
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
