package org.consentledger.ledger.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.verifier.ConsentModes;

/** What makes a policy version publishable, and what may follow what. Plain, so it is tested without Axon. */
public class PolicyRules {

    /** Category ids are joined with commas in read models, so they may not contain one. */
    static final Pattern CATEGORY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Clock clock;
    private final Duration defaultConsentMaxAge;

    public PolicyRules(Clock clock, Duration defaultConsentMaxAge) {
        this.clock = clock;
        this.defaultConsentMaxAge = defaultConsentMaxAge;
    }

    /** The ledger's clock, at the microsecond precision every stored instant has. */
    public Instant now() {
        return LedgerTime.now(clock);
    }

    /**
     * Publishing a version: its receipt again when the site published exactly this version before, a refusal when it
     * published other content under its number or the version does not follow the latest, otherwise the event.
     *
     * @param site     the site's versions as published so far
     * @param receipts the receipt each of them was answered with, by version
     */
    public Decided<CookiePolicyPublished, PolicyReceipt> publish(PublishCookiePolicy command, PolicyVersions site,
                                                                 Map<Integer, PolicyReceipt> receipts) {
        CookiePolicy policy = complete(command.policy());
        Optional<CookiePolicy> published = site.version(policy.version());
        if (published.isPresent()) {
            if (published.get().equals(policy)) {
                return new Decided.Replay<>(receipts.get(policy.version()).asReplay());
            }
            throw LedgerRejection.conflict("version", ("version %d of site '%s' is already published with other "
                    + "content; publish a new version instead").formatted(policy.version(), policy.siteId()));
        }
        site.latest().ifPresent(latest -> checkSuccession(latest, policy));
        return new Decided.Record<>(new CookiePolicyPublished(policy, now()));
    }

    /** Checks a submitted version and fills in the default max age, giving exactly what will be published. */
    public CookiePolicy complete(CookiePolicy policy) {
        if (policy.version() < 1) {
            throw LedgerRejection.invalid("version", "policy versions are numbered from 1");
        }
        if (policy.effectiveFrom() == null) {
            throw LedgerRejection.invalid("effectiveFrom", "effectiveFrom is required");
        }
        LedgerTime.requireMicros(policy.effectiveFrom(), "effectiveFrom");
        Duration maxAge = policy.consentMaxAge() == null ? defaultConsentMaxAge : policy.consentMaxAge();
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw LedgerRejection.invalid("consentMaxAge", "consentMaxAge must be a positive duration");
        }
        Period retention = policy.retention();
        if (retention != null && (retention.isNegative() || retention.isZero() || retention.getYears() < 0
                || retention.getMonths() < 0 || retention.getDays() < 0)) {
            throw LedgerRejection.invalid("retention", "retention must be a positive period, such as P5Y");
        }
        checkCategories(policy.categories());
        checkCookies(policy);
        checkConsentMode(policy);
        checkGpcOptsOut(policy);
        if (policy.refusalMaxAge() != null && (policy.refusalMaxAge().isNegative()
                || policy.refusalMaxAge().isZero())) {
            throw LedgerRejection.invalid("refusalMaxAge", "refusalMaxAge must be a positive duration, such as P182D");
        }
        return policy.withConsentMaxAge(maxAge);
    }

    /** A new version must come after the latest one, both in number and in effect. */
    public void checkSuccession(CookiePolicy latest, CookiePolicy next) {
        if (next.version() <= latest.version()) {
            throw LedgerRejection.conflict("version", "site '%s' already has version %d; a new version must be above it"
                    .formatted(next.siteId(), latest.version()));
        }
        if (!next.effectiveFrom().isAfter(latest.effectiveFrom())) {
            throw LedgerRejection.invalid("effectiveFrom", "version %d takes effect at %s; version %d must take effect after that"
                    .formatted(latest.version(), latest.effectiveFrom(), next.version()));
        }
    }

    private static void checkCategories(List<CookieCategory> categories) {
        if (categories.isEmpty()) {
            throw LedgerRejection.invalid("categories", "a policy needs at least one category");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            CookieCategory category = categories.get(i);
            String field = "categories[" + i + "]";
            if (category.id() == null || !CATEGORY_ID.matcher(category.id()).matches()) {
                throw LedgerRejection.invalid(field + ".id",
                        "a category id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            if (!seen.add(category.id())) {
                throw LedgerRejection.invalid(field + ".id", "category '" + category.id() + "' is listed twice");
            }
            requireText(category.name(), field + ".name");
        }
    }

    private static void checkCookies(CookiePolicy policy) {
        List<Cookie> cookies = policy.cookies();
        // What makes two cookies the same (Cookie.sameCookieAs), in a set: linear in the cookies, not quadratic.
        Set<List<String>> listed = new HashSet<>();
        for (int i = 0; i < cookies.size(); i++) {
            Cookie cookie = cookies.get(i);
            String field = "cookies[" + i + "]";
            requireText(cookie.name(), field + ".name");
            requireText(cookie.provider(), field + ".provider");
            requireText(cookie.category(), field + ".category");
            if (policy.category(cookie.category()).isEmpty()) {
                throw LedgerRejection.invalid(field + ".category",
                        "cookie '" + cookie.name() + "' names category '" + cookie.category() + "', which the policy does not define");
            }
            if (!listed.add(List.of(cookie.name(), cookie.provider(), cookie.category()))) {
                throw LedgerRejection.invalid(field, "cookie '" + cookie.name() + "' of " + cookie.provider()
                        + " is listed twice in category '" + cookie.category() + "'");
            }
        }
    }

    /** Each Consent Mode type follows one category of the version. */
    private static void checkConsentMode(CookiePolicy policy) {
        if (policy.consentMode() == null) {
            return;
        }
        policy.consentMode().forEach((type, category) -> {
            if (!ConsentModes.TYPES.contains(type)) {
                throw LedgerRejection.invalid("consentMode." + type, "'%s' is not a Consent Mode v2 type (%s)"
                        .formatted(type, String.join(", ", ConsentModes.TYPES)));
            }
            if (category == null || policy.category(category).isEmpty()) {
                throw LedgerRejection.invalid("consentMode." + type,
                        "'%s' is no category of this version".formatted(category));
            }
        });
    }

    /** Global Privacy Control can only deny what a visitor could deny: categories of the version that need consent. */
    private static void checkGpcOptsOut(CookiePolicy policy) {
        List<String> optsOut = policy.gpcOptOuts();
        for (int i = 0; i < optsOut.size(); i++) {
            String id = optsOut.get(i);
            String field = "gpcOptsOut[" + i + "]";
            CookieCategory category = policy.category(id).orElseThrow(() -> LedgerRejection.invalid(field,
                    "'%s' is no category of this version".formatted(id)));
            if (!category.consentRequired()) {
                throw LedgerRejection.invalid(field, "category '%s' needs no consent, so no signal can deny it"
                        .formatted(id));
            }
            if (optsOut.indexOf(id) != i) {
                throw LedgerRejection.invalid(field, "category '%s' is listed twice".formatted(id));
            }
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw LedgerRejection.invalid(field, field + " is required");
        }
    }
}
