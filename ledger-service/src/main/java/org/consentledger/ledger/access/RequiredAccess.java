package org.consentledger.ledger.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Which role, and for which site, a request needs: decided from its method and path alone, so that the rule is one
 * readable table and anything not listed needs the admin role.
 *
 * @param role null when the path is open to anyone (health probes, the API's description, the checkpoint key, the
 *             browser SDK's script, the console's and the demo banner's pages (which hold no data), and browsers'
 *             collection, which checks a site's publishable key and origins)
 * @param site the site the request is about, null when it is about none in particular
 */
public record RequiredAccess(Role role, String site) {

    static final RequiredAccess OPEN = new RequiredAccess(null, null);

    private static final String SITES = "/api/v1/sites/";
    private static final String ERASURE = "/erasure";
    public static final String COLLECT = "/api/v1/collect/";

    /**
     * The path as the servlet container decoded and normalized it, which is what requests are routed by: the raw URI
     * could name one site and, through "..", reach another.
     */
    public static String routedPath(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    public static RequiredAccess of(String method, String path) {
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")
                || path.startsWith("/.well-known/") || path.startsWith(COLLECT) || path.equals("/api/v1/collect")
                || path.startsWith("/sdk/") || path.equals("/console") || path.startsWith("/console/")
                || path.equals("/demo") || path.startsWith("/demo/") || path.equals("/favicon.ico")) {
            return OPEN;
        }
        if (path.startsWith("/api/v1/audit/")) {
            return new RequiredAccess(Role.AUDIT, null);
        }
        Optional<String> site = siteOf(path);
        if (site.isPresent() && method.equals("POST") && path.endsWith(ERASURE)) {
            return new RequiredAccess(Role.ERASE, site.get());
        }
        if (site.isPresent()) {
            boolean reads = method.equals("GET") || method.equals("HEAD");
            return new RequiredAccess(reads ? Role.AUDIT : Role.INGEST, site.get());
        }
        return new RequiredAccess(Role.ADMIN, null);
    }

    public boolean open() {
        return role == null;
    }

    private static Optional<String> siteOf(String path) {
        if (!path.startsWith(SITES)) {
            return Optional.empty();
        }
        String rest = path.substring(SITES.length());
        int end = rest.indexOf('/');
        String site = end < 0 ? rest : rest.substring(0, end);
        return site.isEmpty() ? Optional.empty() : Optional.of(site);
    }
}
