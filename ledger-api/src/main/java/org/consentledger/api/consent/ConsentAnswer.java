package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * The point-in-time answer: for the policy in force at {@code at}, each category's status and each cookie's
 * verdict, each naming the event that decided it, and the events the answer was computed from.
 *
 * @param policyVersion the version in force at {@code at} as known at {@code asOf}; null when none was
 * @param basis         what the answer was computed from; null only in evidence bundles issued before it was stated
 */
public record ConsentAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        Integer policyVersion,
        List<CategoryAnswer> categories,
        List<CookieAnswer> cookies,
        AnswerBasis basis) {

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
        return new ConsentAnswer(siteId, visitorId, at, asOf, policyVersion, categories, cookies, null);
    }
}
