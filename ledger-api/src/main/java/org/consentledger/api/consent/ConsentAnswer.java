package org.consentledger.api.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The point-in-time answer: for the policy in force at {@code at}, each category's status and each cookie's
 * verdict, each naming the event that decided it, and the events the answer was computed from.
 *
 * @param policyVersion the version in force at {@code at} as known at {@code asOf}; null when none was
 * @param basis         what the answer was computed from; null only in evidence bundles issued before it was stated
 * @param mustAsk       whether a banner should ask the visitor again: true exactly when {@code askReasons} has one;
 *                      null where askReasons is
 * @param askReasons    why to ask again, in the order of {@link AskReason}; null only in evidence bundles issued
 *                      before answers said
 * @param renewBefore   how long before a consent expires the answer asks to renew it ({@code ledger.consent.
 *                      renew-before}), stated so that the answer can be recomputed; null where askReasons is
 */
public record ConsentAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        Integer policyVersion,
        List<CategoryAnswer> categories,
        List<CookieAnswer> cookies,
        AnswerBasis basis,
        Boolean mustAsk,
        List<String> askReasons,
        Duration renewBefore) {

    /** Why a banner should ask a visitor again, as the answer names it. */
    public enum AskReason {
        /** The visitor made no decision the answer can see, and the policy in force has categories to ask about. */
        NEVER_ASKED("never-asked"),
        /** A category's consent is older than the max age of the version it was given under. */
        CONSENT_EXPIRED("consent-expired"),
        /** A category's refusal is older than the refusal max age of the version it was made under. */
        REFUSAL_EXPIRED("refusal-expired"),
        /** A category's consent expires within {@code renewBefore}. */
        EXPIRES_SOON("expires-soon"),
        /** The policy in force lists a category that needs consent and that the visitor never decided. */
        NEW_CATEGORIES("new-categories"),
        /** A granted category holds a cookie the version it was granted under did not list. */
        NEW_COOKIES("new-cookies"),
        /**
         * The visitor last chose on a notice, which presented another policy version than the one in force: a notice
         * presents one version, so the one shown now is another.
         */
        NOTICE_CHANGED("notice-changed");

        private final String label;

        AskReason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An answer as bundles issued before answers said when to ask again carry it. */
    public ConsentAnswer(String siteId, String visitorId, Instant at, Instant asOf, Integer policyVersion,
                         List<CategoryAnswer> categories, List<CookieAnswer> cookies, AnswerBasis basis) {
        this(siteId, visitorId, at, asOf, policyVersion, categories, cookies, basis, null, null, null);
    }

    /**
     * @param policyVersion the version the deciding event was given under; for exempt categories the version in
     *                      force; null when never asked
     */
    public record CategoryAnswer(String id, ConsentStatus status, String decidedBy, Integer policyVersion) {
    }

    public record CookieAnswer(
            String name, String provider, String category, boolean allowed, ConsentStatus reason, String decidedBy) {
    }

    /**
     * The events an answer was computed from, so that an evidence bundle, which lists them with their proofs, can
     * confirm that the answer follows from exactly those.
     *
     * @param policyVersions the site's policy versions recorded by {@code asOf}, ascending
     * @param events         how many of the visitor's events were visible (occurred by {@code at}, recorded by
     *                       {@code asOf})
     * @param digest         hex SHA-256 of the UTF-8 lines {@code policy <version>} for each of those versions, then
     *                       {@code event <eventId>} for each visible event in stream order, each ending in a newline
     */
    public record AnswerBasis(List<Integer> policyVersions, int events, String digest) {
    }

    /** The answer as evidence bundles issued before the basis was stated carry it. */
    public ConsentAnswer withoutBasis() {
        return new ConsentAnswer(siteId, visitorId, at, asOf, policyVersion, categories, cookies, null, mustAsk,
                askReasons, renewBefore);
    }

    /** The answer as evidence bundles issued before answers said when to ask again carry it. */
    public ConsentAnswer withoutAsking() {
        return new ConsentAnswer(siteId, visitorId, at, asOf, policyVersion, categories, cookies, basis);
    }
}
