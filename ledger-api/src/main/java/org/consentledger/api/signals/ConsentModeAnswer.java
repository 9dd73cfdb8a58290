package org.consentledger.api.signals;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.ConsentStatus;

/**
 * A visitor's Google Consent Mode v2 states at {@code at} as the ledger knew it at {@code asOf}: {@code consent} is
 * ready for {@code gtag('consent', 'update', consent)}; {@code types} says for each type which category it followed,
 * that category's status and the event that decided it.
 */
public record ConsentModeAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        Integer policyVersion,
        Map<String, String> consent,
        List<TypeAnswer> types) {

    public ConsentModeAnswer {
        consent = Collections.unmodifiableMap(new LinkedHashMap<>(consent));
        types = List.copyOf(types);
    }

    /**
     * @param state     {@code granted} or {@code denied}
     * @param category  the category the policy version maps the type to; null when it maps it to none
     * @param status    that category's status in the consent answer; null when the type follows no category
     * @param decidedBy the event that decided the category; null when none did
     */
    public record TypeAnswer(String type, String state, String category, ConsentStatus status, String decidedBy) {
    }
}
