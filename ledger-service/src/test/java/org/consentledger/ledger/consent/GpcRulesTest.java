package org.consentledger.ledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.signals.GpcSignal;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.policy.TestPolicies;
import org.junit.jupiter.api.Test;

/**
 * A consent sent with the browser's Global Privacy Control signal, on a site whose policy says the signal opts out of
 * third-party cookies and first-party profiling.
 */
class GpcRulesTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final CookiePolicy OPTS_OUT = optingOut(TestPolicies.version1(NOW.minus(Duration.ofDays(10))),
            List.of("third-party", "first-party"));
    static final PolicyVersions SITE = new PolicyVersions(TestPolicies.SITE, List.of(OPTS_OUT));

    final ConsentRules rules = new ConsentRules(Clock.fixed(NOW, ZoneOffset.UTC),
            new ConsentProperties(Duration.ofMinutes(5), Duration.ofDays(30), 10, 1000, 1, Duration.ZERO), true);

    @Test
    void theSignalDeniesWhatThePolicyOptsOutOfAndTheVisitorDidNotChoose() {
        ConsentGiven given = rules.give(consent(List.of("statistics", "first-party"), List.of(), true, null), SITE)
                .event();

        assertThat(given.gpc()).isEqualTo(new GpcSignal(List.of("third-party")));
        assertThat(given.granted()).containsExactly("statistics", "first-party");
        assertThat(given.denied()).isEmpty();
    }

    @Test
    void aConsentWithNothingButTheSignalIsRecordedWhenTheSignalDeniesSomething() {
        ConsentGiven given = rules.give(consent(List.of(), List.of(), true, "gpc"), SITE).event();

        assertThat(given.gpc().optedOut()).containsExactly("third-party", "first-party");
        assertThat(given.context().method()).isEqualTo("gpc");
    }

    @Test
    void withoutTheSignalNothingIsDeniedForIt() {
        ConsentGiven given = rules.give(consent(List.of("statistics"), List.of(), false, null), SITE).event();

        assertThat(given.gpc()).isNull();
    }

    @Test
    void onASiteWhosePolicyOptsOutOfNothingTheSignalIsRecordedAndDeniesNothing() {
        PolicyVersions plain = new PolicyVersions(TestPolicies.SITE,
                List.of(TestPolicies.version1(NOW.minus(Duration.ofDays(10)))));

        ConsentGiven given = rules.give(consent(List.of("statistics"), List.of(), true, null), plain).event();
        LedgerRejection empty = catchThrowableOfType(LedgerRejection.class,
                () -> rules.give(consent(List.of(), List.of(), true, null), plain));

        assertThat(given.gpc()).isEqualTo(new GpcSignal(List.of()));
        assertThat(empty.field()).isEqualTo("granted");
        assertThat(empty.getMessage()).contains("gpcOptsOut");
    }

    @Test
    void theMethodGpcWithoutTheSignalIsRefused() {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> rules.give(consent(List.of("statistics"), List.of(), false, "gpc"), SITE));

        assertThat(refused.field()).isEqualTo("method");
    }

    @Test
    void theSameConsentSentAgainWithoutTheSignalIsAnotherSubmission() {
        var first = rules.give(consent(List.of("statistics"), List.of(), true, null), SITE);
        var earlier = ConsentRulesTest.earlier("e1", first);

        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class, () -> rules.give(
                consent(List.of("statistics"), List.of(), false, null), Optional.of(earlier), SITE));

        assertThat(refused.field()).isEqualTo("consentId");
        assertThat(rules.give(consent(List.of("statistics"), List.of(), true, null), Optional.of(earlier), SITE))
                .as("the same submission again, signal and all").isInstanceOf(Decided.Replay.class);
    }

    static GiveConsent consent(List<String> granted, List<String> denied, boolean gpc, String method) {
        return new GiveConsent(TestPolicies.SITE, "carol", "c-gpc", 1, NOW.minusSeconds(5), granted, denied, "banner",
                Map.of(), method == null ? null : new DecisionContext(null, null, method, null, "ccpa", "US", "US-CA"),
                null, null, gpc, null);
    }

    static CookiePolicy optingOut(CookiePolicy policy, List<String> categories) {
        return new CookiePolicy(policy.siteId(), policy.version(), policy.effectiveFrom(), policy.consentMaxAge(),
                policy.categories(), policy.cookies(), policy.text(), policy.retention(), policy.consentMode(),
                categories, null);
    }
}
