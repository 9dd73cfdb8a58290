package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * The point-in-time answer: for the policy in force at {@code at}, each category's status and each cookie's
 * verdict, each naming the event that decided it.
 *
 * @param policyVersion the version in force at {@code at} as known at {@code asOf}; null when none was
 */
public record ConsentAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        Integer policyVersion,
        List<CategoryAnswer> categories,
        List<CookieAnswer> cookies) {

    /**
     * @param policyVersion the version the deciding event was given under; for exempt categories the version in
     *                      force; null when never asked
     */
    public record CategoryAnswer(String id, ConsentStatus status, String decidedBy, Integer policyVersion) {
    }

    public record CookieAnswer(
            String name, String provider, String category, boolean allowed, ConsentStatus reason, String decidedBy) {
    }
}
