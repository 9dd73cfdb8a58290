package org.consentledger.verifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.signals.ConsentModeAnswer;

/**
 * Google Consent Mode v2 from a consent answer: each type follows the category the policy version in force maps it
 * to, {@code granted} when that category is granted or needs no consent, {@code denied} otherwise; a type the version
 * maps to no category is {@code denied}.
 */
public final class ConsentModes {

    /** The Consent Mode v2 types, in the order Google documents them. */
    public static final List<String> TYPES = List.of("ad_storage", "ad_user_data", "ad_personalization",
            "analytics_storage", "functionality_storage", "personalization_storage", "security_storage");

    private ConsentModes() {
    }

    /** @param policy the version the answer was made under; empty when no version was in force */
    public static ConsentModeAnswer of(ConsentAnswer answer, Optional<CookiePolicy> policy) {
        Map<String, String> mapping = policy.map(CookiePolicy::consentMode).orElse(null);
        Map<String, String> consent = new LinkedHashMap<>();
        List<ConsentModeAnswer.TypeAnswer> types = new ArrayList<>();
        for (String type : TYPES) {
            String category = mapping == null ? null : mapping.get(type);
            Optional<ConsentAnswer.CategoryAnswer> decided = answer.categories().stream()
                    .filter(c -> c.id().equals(category)).findFirst();
            ConsentStatus status = decided.map(ConsentAnswer.CategoryAnswer::status).orElse(null);
            String state = status == ConsentStatus.GRANTED || status == ConsentStatus.EXEMPT ? "granted" : "denied";
            consent.put(type, state);
            types.add(new ConsentModeAnswer.TypeAnswer(type, state, category, status,
                    decided.map(ConsentAnswer.CategoryAnswer::decidedBy).orElse(null)));
        }
        return new ConsentModeAnswer(answer.siteId(), answer.visitorId(), answer.at(), answer.asOf(),
                answer.policyVersion(), consent, types);
    }
}
