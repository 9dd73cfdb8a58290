package org.consentledger.ledger.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.notice.NoticeRules;
import org.consentledger.ledger.policy.PublishedSite;

/**
 * What makes a decision's context hold together: the notice it names was published for the site (and, for a consent,
 * presents the consent's policy version), the language is one the notice speaks, the method is one the notice offered
 * a button for and fits the choice (accepting all denies nothing), and every code is one of the documented lists. The
 * record must be consistent with what was shown, or it proves nothing.
 */
public final class ContextRules {

    public static final List<String> METHODS = List.of("accept-all", "reject-all", "custom", "close", "gpc", "api",
            "import");
    public static final List<String> SURFACES = List.of("banner", "preference-centre", "app", "api", "import");
    /** The data-protection laws a site may say it applied (docs/http-api.md lists what each names). */
    public static final List<String> REGULATIONS = List.of("gdpr", "uk-gdpr", "ch-fadp", "ccpa", "us-state",
            "lgpd", "pipeda", "quebec-25", "popia", "appi", "pipl", "pdpa", "dpdp", "other");
    /** Which button of a notice each method needs; the others need none. */
    private static final Map<String, List<String>> BUTTONS = Map.of("accept-all", List.of("accept-all"),
            "reject-all", List.of("reject-all"), "close", List.of("close"), "custom", List.of("customize", "save"));
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern REGION = Pattern.compile("([A-Z]{2})-[A-Z0-9]{1,3}");
    /** Evidence entries the ledger reads, beside the address ({@link IpAddresses}). */
    public static final String PAGE_URL = "pageUrl";

    private ContextRules() {
    }

    /**
     * The context as recorded (the language tag in its normal form), or null for none.
     *
     * @param policy  the policy version the decision is recorded under
     * @param granted the categories granted (none for a withdrawal)
     * @param denied  the categories denied, or withdrawn
     * @param consent true for a consent, false for a withdrawal
     */
    public static DecisionContext check(DecisionContext context, PublishedSite site, CookiePolicy policy,
                                        List<String> granted, List<String> denied, boolean consent) {
        if (context == null || context.saysNothing()) {
            return null;
        }
        Notice notice = null;
        if (context.noticeId() != null) {
            notice = site.notice(context.noticeId()).map(n -> n.published().notice()).orElseThrow(() ->
                    LedgerRejection.invalid("noticeId", "site '%s' published no notice '%s'"
                            .formatted(policy.siteId(), context.noticeId())));
            if (consent && notice.policyVersion() != policy.version()) {
                throw LedgerRejection.invalid("noticeId", ("notice '%s' presents policy version %d, not version %d "
                        + "that the consent is given under").formatted(notice.noticeId(), notice.policyVersion(),
                        policy.version()));
            }
        }
        String language = language(context.language(), notice);
        checkMethod(context.method(), notice, policy, granted, denied, consent);
        oneOf("surface", context.surface(), SURFACES);
        oneOf("regulation", context.regulation(), REGULATIONS);
        if (context.country() != null && !COUNTRIES.contains(context.country())) {
            throw LedgerRejection.invalid("country", "'%s' is not an ISO 3166-1 alpha-2 country code, such as FR"
                    .formatted(context.country()));
        }
        if (context.region() != null) {
            var region = REGION.matcher(context.region());
            if (!region.matches() || !COUNTRIES.contains(region.group(1))
                    || (context.country() != null && !context.country().equals(region.group(1)))) {
                throw LedgerRejection.invalid("region", ("'%s' is not an ISO 3166-2 subdivision code%s, such as "
                        + "US-CA").formatted(context.region(), context.country() == null ? ""
                        : " of " + context.country()));
            }
        }
        return new DecisionContext(context.noticeId(), language, context.method(), context.surface(),
                context.regulation(), context.country(), context.region());
    }

    /** A page address in the evidence must be a web address: it says where the visitor was asked. */
    public static void checkPageUrl(Map<String, String> evidence) {
        String page = evidence.get(PAGE_URL);
        if (page == null) {
            return;
        }
        try {
            URI uri = new URI(page);
            if (uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw LedgerRejection.invalid(PAGE_URL, "'%s' is not an absolute http or https address".formatted(page));
    }

    private static String language(String language, Notice notice) {
        if (language == null) {
            return null;
        }
        if (notice == null) {
            throw LedgerRejection.invalid("language", "a language is that of the notice shown: give its noticeId too");
        }
        String tag;
        try {
            tag = NoticeRules.languageTag(language);
        } catch (LedgerRejection e) {
            throw LedgerRejection.invalid("language", "'%s' is not a language tag (BCP 47)".formatted(language));
        }
        if (!notice.texts().containsKey(tag)) {
            throw LedgerRejection.invalid("language", "notice '%s' has no texts in '%s' (it has %s)"
                    .formatted(notice.noticeId(), tag, String.join(", ", notice.texts().keySet())));
        }
        return tag;
    }

    private static void checkMethod(String method, Notice notice, CookiePolicy policy, List<String> granted,
                                    List<String> denied, boolean consent) {
        if (method == null) {
            return;
        }
        oneOf("method", method, METHODS);
        List<String> buttons = BUTTONS.get(method);
        if (notice != null && buttons != null && buttons.stream().noneMatch(notice::offers)) {
            throw LedgerRejection.invalid("method", "notice '%s' offered no %s button (it offered %s)"
                    .formatted(notice.noticeId(), String.join(" or ", buttons), String.join(", ", notice.buttons())));
        }
        if (method.equals("accept-all") && (!consent || !denied.isEmpty())) {
            throw LedgerRejection.invalid("method", consent
                    ? "accepting all denies nothing, yet the consent denies '%s'".formatted(denied.get(0))
                    : "a withdrawal is not made by accepting all");
        }
        if (method.equals("reject-all")) {
            granted.stream().filter(id -> policy.category(id).map(c -> c.consentRequired()).orElse(false))
                    .findFirst().ifPresent(id -> {
                        throw LedgerRejection.invalid("method", ("rejecting all grants only what needs no consent, "
                                + "yet the consent grants '%s'").formatted(id));
                    });
        }
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            throw LedgerRejection.invalid(field, "'%s' is not one of %s".formatted(value, String.join(", ", allowed)));
        }
    }
}
