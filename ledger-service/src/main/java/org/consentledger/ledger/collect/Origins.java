package org.consentledger.ledger.collect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.consentledger.ledger.LedgerRejection;

/**
 * Web origins as browsers send them in {@code Origin}: a scheme ({@code https}, or {@code http} for a site still on
 * it), a host and a port only when it is not the scheme's default. A site lists exactly the origins its pages are
 * served from; there is no wildcard, because a pattern that lets in one unexpected host lets in anyone's page.
 */
final class Origins {

    static final int MAX_ORIGINS = 32;

    private Origins() {
    }

    /** The list as it will be kept: each origin in the form a browser sends, each once, in the order given. */
    static List<String> checked(List<String> origins) {
        if (origins == null) {
            throw LedgerRejection.malformed("allowedOrigins", "allowedOrigins must list the origins of the site's "
                    + "pages, such as [\"https://shop.example\"]");
        }
        if (origins.size() > MAX_ORIGINS) {
            throw LedgerRejection.invalid("allowedOrigins", "a site may allow at most %d origins".formatted(
                    MAX_ORIGINS));
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < origins.size(); i++) {
            String origin = canonical(origins.get(i), "allowedOrigins[" + i + "]");
            if (!kept.contains(origin)) {
                kept.add(origin);
            }
        }
        return List.copyOf(kept);
    }

    /** The origin in the form a browser sends it, or a refusal naming {@code field}. */
    static String canonical(String origin, String field) {
        if (origin == null || origin.isBlank()) {
            throw LedgerRejection.malformed(field, "an origin is a scheme and a host, such as https://shop.example");
        }
        if (origin.contains("*")) {
            throw LedgerRejection.invalid(field, "an origin names one scheme and host: list each origin the site's "
                    + "pages are served from, without wildcards");
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (URISyntaxException e) {
            throw LedgerRejection.malformed(field, "'%s' is not an origin such as https://shop.example"
                    .formatted(origin));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw LedgerRejection.invalid(field, "an origin's scheme is https (or http), not '%s'".formatted(origin));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            throw LedgerRejection.invalid(field, "an origin is a scheme, a host and perhaps a port, with no path, "
                    + "query or user: '%s' is not".formatted(origin));
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** Whether a request's {@code Origin} header is one of the site's: compared as sent, which is canonical. */
    static boolean allowed(List<String> allowedOrigins, String header) {
        return header != null && allowedOrigins.contains(header);
    }
}
