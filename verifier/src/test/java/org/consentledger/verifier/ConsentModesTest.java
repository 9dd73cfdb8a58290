package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAnswer.CategoryAnswer;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.signals.ConsentModeAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Consent Mode v2 states follow the categories the policy version maps them to. */
class ConsentModesTest {

    static final Instant AT = Instant.parse("2026-12-07T12:00:00Z");
    static final CookiePolicy POLICY = new CookiePolicy("shop.example", 2, AT.minus(Duration.ofDays(1)),
            Duration.ofDays(180), List.of(new CookieCategory("necessary", "Necessary", null, false),
            new CookieCategory("statistics", "Statistics", null, true),
            new CookieCategory("ads", "Advertising", null, true),
            new CookieCategory("personal", "Personalisation", null, true)), List.of(), null, null,
            new TreeMap<>(Map.of("analytics_storage", "statistics", "ad_storage", "ads", "ad_user_data", "ads",
                    "ad_personalization", "personal", "security_storage", "necessary")));
    /** Statistics granted, ads denied, personalisation withdrawn. */
    static final ConsentAnswer ANSWER = new ConsentAnswer("shop.example", "alice", AT, AT, 2, List.of(
            new CategoryAnswer("necessary", ConsentStatus.EXEMPT, null, null),
            new CategoryAnswer("statistics", ConsentStatus.GRANTED, "e1", 2),
            new CategoryAnswer("ads", ConsentStatus.DENIED, "e1", 2),
            new CategoryAnswer("personal", ConsentStatus.WITHDRAWN, "e2", 2)), List.of(), null);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "analytics_storage,       granted, statistics, GRANTED,   e1",
            "ad_storage,              denied,  ads,        DENIED,    e1",
            "ad_user_data,            denied,  ads,        DENIED,    e1",
            "ad_personalization,      denied,  personal,   WITHDRAWN, e2",
            "security_storage,        granted, necessary,  EXEMPT,    ",
            "functionality_storage,   denied,  ,           ,          ",
            "personalization_storage, denied,  ,           ,          "})
    void eachTypeFollowsItsCategory(String type, String state, String category, ConsentStatus status,
                                    String decidedBy) {
        ConsentModeAnswer answer = ConsentModes.of(ANSWER, Optional.of(POLICY));

        assertThat(answer.consent()).containsEntry(type, state);
        assertThat(answer.types()).contains(new ConsentModeAnswer.TypeAnswer(type, state, category, status,
                decidedBy));
    }

    @Test
    void withoutAMappingOrAPolicyEveryTypeIsDenied() {
        ConsentModeAnswer unmapped = ConsentModes.of(ANSWER, Optional.of(new CookiePolicy("shop.example", 1, AT,
                Duration.ofDays(1), POLICY.categories(), List.of(), null)));
        ConsentModeAnswer none = ConsentModes.of(new ConsentAnswer("shop.example", "alice", AT, AT, null, List.of(),
                List.of(), null), Optional.empty());

        assertThat(unmapped.consent().values()).hasSize(7).containsOnly("denied");
        assertThat(none.consent().values()).hasSize(7).containsOnly("denied");
        assertThat(unmapped.consent().keySet()).containsExactlyElementsOf(ConsentModes.TYPES);
    }
}
