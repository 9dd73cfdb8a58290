package org.consentledger.api.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One published version of a site's cookie policy. Immutable once published: a visitor's consent refers to
 * exactly this text.
 *
 * @param consentMaxAge how long a consent given under this version stays valid
 * @param text          the policy as the visitor was shown it, when the ledger has it (imported policies keep
 *                      their source text verbatim); may be null
 * @param retention     how long after a visitor's last decision the ledger erases them, overriding
 *                      {@code ledger.retention.erase-after} for the site while this version is in force; may be null
 * @param consentMode   which category each Google Consent Mode v2 type follows ({@code ad_storage} to
 *                      {@code third-party}, say); null or empty for a version that maps none
 * @param gpcOptsOut    the categories the browser's Global Privacy Control signal denies when the visitor makes no
 *                      choice for them (sale and sharing under the CCPA, say); null or empty for none
 * @param refusalMaxAge how long a refusal given under this version is remembered before the visitor is asked again;
 *                      null to remember it until the visitor decides otherwise
 */
public record CookiePolicy(
        String siteId,
        int version,
        Instant effectiveFrom,
        Duration consentMaxAge,
        List<CookieCategory> categories,
        List<Cookie> cookies,
        String text,
        Period retention,
        SortedMap<String, String> consentMode,
        List<String> gpcOptsOut,
        Duration refusalMaxAge) {

    public CookiePolicy {
        categories = List.copyOf(categories);
        cookies = List.copyOf(cookies);
        consentMode = consentMode == null || consentMode.isEmpty() ? null
                : Collections.unmodifiableSortedMap(new TreeMap<>(consentMode));
        gpcOptsOut = gpcOptsOut == null || gpcOptsOut.isEmpty() ? null : List.copyOf(gpcOptsOut);
    }

    /** A version without Global Privacy Control opt-outs, remembering refusals until the visitor decides again. */
    public CookiePolicy(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                        List<CookieCategory> categories, List<Cookie> cookies, String text, Period retention,
                        SortedMap<String, String> consentMode) {
        this(siteId, version, effectiveFrom, consentMaxAge, categories, cookies, text, retention, consentMode, null,
                null);
    }

    /** A version that maps no Consent Mode type. */
    public CookiePolicy(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                        List<CookieCategory> categories, List<Cookie> cookies, String text, Period retention) {
        this(siteId, version, effectiveFrom, consentMaxAge, categories, cookies, text, retention, null);
    }

    /** A version that leaves retention to the ledger's setting. */
    public CookiePolicy(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                        List<CookieCategory> categories, List<Cookie> cookies, String text) {
        this(siteId, version, effectiveFrom, consentMaxAge, categories, cookies, text, null);
    }

    public Optional<CookieCategory> category(String id) {
        return categories.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The categories the Global Privacy Control signal denies, none when the version names none. */
    public List<String> gpcOptOuts() {
        return gpcOptsOut == null ? List.of() : gpcOptsOut;
    }

    public boolean lists(Cookie cookie) {
        return cookies.stream().anyMatch(cookie::sameCookieAs);
    }

    public CookiePolicy withConsentMaxAge(Duration maxAge) {
        return new CookiePolicy(siteId, version, effectiveFrom, maxAge, categories, cookies, text, retention,
                consentMode, gpcOptsOut, refusalMaxAge);
    }
}
