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
import java.util.function.Function;
import java.util.stream.Stream;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerRejection.Kind;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.policy.TestPolicies;
import org.consentledger.ledger.write.Earlier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The consent rules as plain functions: a command, the event that used its client id before (if any) and the site's
 * policy versions in; a new event, the earlier receipt or a refusal out.
 */
class ConsentRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456Z");
    static final Instant V1_FROM = NOW.minus(Duration.ofDays(10));
    static final Instant V2_FROM = NOW.minus(Duration.ofDays(1));
    static final PolicyVersions SITE = new PolicyVersions(TestPolicies.SITE,
            List.of(TestPolicies.version1(V1_FROM), TestPolicies.version2(V2_FROM)));
    static final PolicyVersions UNKNOWN_SITE = new PolicyVersions(TestPolicies.SITE, List.of());

    final ConsentRules rules = new ConsentRules(Clock.fixed(NOW.plusNanos(789), ZoneOffset.UTC),
            new ConsentProperties(Duration.ofMinutes(5), Duration.ofDays(30), 10, 1000, 1, Duration.ZERO), true);

    static GiveConsent consent(int version, Instant occurredAt, List<String> granted, List<String> denied) {
        return new GiveConsent(TestPolicies.SITE, "alice", "c1", version, occurredAt, granted, denied, "banner",
                Map.of("userAgent", "Firefox/140"));
    }

    static WithdrawConsent withdrawal(Instant occurredAt, List<String> categories) {
        return new WithdrawConsent(TestPolicies.SITE, "alice", "w1", occurredAt, categories);
    }

    static <E> Earlier<E> earlier(String eventId, Decided.Record<E, Receipt> recorded) {
        return new Earlier<>(eventId, recorded.event(), recorded.personal());
    }

    @Test
    void anAdmissibleConsentIsRecordedAsGivenAtTheLedgersMicrosecond() {
        Decided.Record<ConsentGiven, Receipt> recorded = rules.give(consent(1, NOW.minusSeconds(60),
                List.of("statistics"), List.of("third-party")), SITE);
        ConsentGiven given = recorded.event();

        assertThat(given.recordedAt()).isEqualTo(NOW);
        assertThat(given.policyVersion()).isEqualTo(1);
        assertThat(given.granted()).containsExactly("statistics");
        assertThat(given.denied()).containsExactly("third-party");
        assertThat(given.personal()).as("sealed only as it is stored").isNull();
        assertThat((ConsentGivenPersonal) recorded.personal())
                .isEqualTo(new ConsentGivenPersonal("alice", "c1", Map.of("userAgent", "Firefox/140")));
    }

    @Test
    void theVisitorsAddressIsCutToItsNetworkBeforeItIsSealedUnlessTheOperatorKeepsIt() {
        GiveConsent command = new GiveConsent(TestPolicies.SITE, "alice", "c1", 1, NOW, List.of("statistics"),
                List.of(), "banner", Map.of("ipAddress", "203.0.113.77", "language", "fr"));
        ConsentRules keeping = new ConsentRules(Clock.fixed(NOW, ZoneOffset.UTC),
                new ConsentProperties(Duration.ofMinutes(5), Duration.ofDays(30), 10, 1000, 1, Duration.ZERO), false);

        assertThat(((ConsentGivenPersonal) rules.give(command, SITE).personal()).evidence())
                .containsEntry("ipAddress", "203.0.113.0").containsEntry("language", "fr");
        assertThat(((ConsentGivenPersonal) keeping.give(command, SITE).personal()).evidence())
                .containsEntry("ipAddress", "203.0.113.77");
    }

    @Test
    void aConsentSentAgainWithTheVisitorsFullAddressIsAReplayThoughTheRecordKeepsItsNetwork() {
        GiveConsent command = new GiveConsent(TestPolicies.SITE, "alice", "c1", 1, NOW, List.of("statistics"),
                List.of(), "banner", Map.of("ipAddress", "203.0.113.77"));
        Decided.Record<ConsentGiven, Receipt> recorded = rules.give(command, SITE);

        assertThat(rules.give(command, Optional.of(earlier("event-1", recorded)), SITE))
                .isInstanceOf(Decided.Replay.class);
    }

    @Test
    void aWithdrawalIsRecordedUnderThePolicyInForceWhenTheVisitorChose() {
        assertThat(rules.withdraw(withdrawal(NOW.minus(Duration.ofDays(2)), List.of("statistics")), SITE)
                .event().policyVersion()).isEqualTo(1);
        ConsentWithdrawn latest = rules.withdraw(withdrawal(NOW, List.of()), SITE).event();
        assertThat(latest.policyVersion()).isEqualTo(2);
        assertThat(latest.categories()).isEmpty();
    }

    @Test
    void theSameSubmissionAgainIsAnsweredWithTheEarlierReceipt() {
        GiveConsent command = consent(1, NOW.minusSeconds(60), List.of("statistics"), List.of("third-party"));
        Decided.Record<ConsentGiven, Receipt> recorded = rules.give(command, SITE);

        Decided<ConsentGiven, Receipt> again = rules.give(command, Optional.of(earlier("event-1", recorded)), SITE);

        assertThat(again).isInstanceOf(Decided.Replay.class);
        Receipt receipt = ((Decided.Replay<ConsentGiven, Receipt>) again).receipt();
        assertThat(receipt.eventId()).isEqualTo("event-1");
        assertThat(receipt.replayed()).isTrue();
        assertThat(receipt.recordedAt()).isEqualTo(recorded.event().recordedAt());
        assertThat(receipt.visitorId()).isEqualTo("alice");
        assertThat(receipt.submissionId()).isEqualTo("c1");
    }

    @Test
    void aClientIdUsedForOtherContentIsRefusedNamingIt() {
        Earlier<ConsentGiven> recorded = earlier("e1", rules.give(consent(1, NOW, List.of("statistics"), List.of()),
                SITE));
        WithdrawConsent withdrawal = withdrawal(NOW, List.of("statistics"));
        Earlier<ConsentWithdrawn> withdrawn = earlier("e2", rules.withdraw(withdrawal, SITE));

        LedgerRejection consent = catchThrowableOfType(LedgerRejection.class, () -> rules.give(
                consent(1, NOW, List.of(), List.of("statistics")), Optional.of(recorded), SITE));
        LedgerRejection withdrawalAgain = catchThrowableOfType(LedgerRejection.class, () -> rules.withdraw(
                withdrawal(NOW, List.of("third-party")), Optional.of(withdrawn), SITE));

        assertThat(consent.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(consent.field()).isEqualTo("consentId");
        assertThat(withdrawalAgain.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(withdrawalAgain.field()).isEqualTo("withdrawalId");
        assertThat(rules.withdraw(withdrawal, Optional.of(withdrawn), SITE))
                .isInstanceOf(Decided.Replay.class);
    }

    @Test
    void aNewClientIdIsDecidedByTheRules() {
        Decided<ConsentGiven, Receipt> decided = rules.give(consent(1, NOW, List.of("statistics"), List.of()),
                Optional.empty(), SITE);

        assertThat(decided).isInstanceOf(Decided.Record.class);
        assertThat(catchThrowableOfType(LedgerRejection.class, () -> rules.give(
                consent(1, NOW, List.of(), List.of()), Optional.empty(), SITE)).field()).isEqualTo("granted");
    }

    static Stream<Arguments> refusedConsents() {
        return Stream.of(
                refused("a site without policies", Kind.NOT_FOUND, "siteId",
                        r -> r.give(consent(1, NOW, List.of("statistics"), List.of()), UNKNOWN_SITE)),
                refused("a nanosecond occurredAt", Kind.INVALID, "occurredAt",
                        r -> r.give(consent(1, NOW.minusNanos(1), List.of("statistics"), List.of()), SITE)),
                refused("occurredAt past the clock skew", Kind.INVALID, "occurredAt",
                        r -> r.give(consent(1, NOW.plus(Duration.ofMinutes(6)), List.of("statistics"), List.of()), SITE)),
                refused("occurredAt before the backfill", Kind.INVALID, "occurredAt",
                        r -> r.give(consent(1, NOW.minus(Duration.ofDays(31)), List.of("statistics"), List.of()), SITE)),
                refused("a version the site never published", Kind.INVALID, "policyVersion",
                        r -> r.give(consent(3, NOW, List.of("statistics"), List.of()), SITE)),
                refused("a choice made before its version took effect", Kind.INVALID, "occurredAt",
                        r -> r.give(consent(2, NOW.minus(Duration.ofDays(2)), List.of("statistics"), List.of()), SITE)),
                refused("nothing granted or denied", Kind.INVALID, "granted",
                        r -> r.give(consent(1, NOW, List.of(), List.of()), SITE)),
                refused("a category the version lacks", Kind.INVALID, "granted[1]",
                        r -> r.give(consent(1, NOW, List.of("statistics", "marketing"), List.of()), SITE)),
                refused("denying a category that needs no consent", Kind.INVALID, "denied[0]",
                        r -> r.give(consent(1, NOW, List.of("statistics"), List.of("necessary")), SITE)),
                refused("a category both granted and denied", Kind.INVALID, "denied[0]",
                        r -> r.give(consent(1, NOW, List.of("statistics"), List.of("statistics")), SITE)),
                refused("a withdrawal before any policy was in force", Kind.INVALID, "occurredAt",
                        r -> r.withdraw(withdrawal(V1_FROM.minusSeconds(1), List.of("statistics")), SITE)),
                refused("withdrawing a category that needs no consent", Kind.INVALID, "categories[0]",
                        r -> r.withdraw(withdrawal(NOW, List.of("necessary")), SITE)),
                refused("a withdrawal on a site without policies", Kind.NOT_FOUND, "siteId",
                        r -> r.withdraw(withdrawal(NOW, List.of("statistics")), UNKNOWN_SITE)));
    }

    private static Arguments refused(String name, Kind kind, String field, Function<ConsentRules, Object> decide) {
        return Arguments.of(name, kind, field, decide);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedConsents")
    void eachBrokenRuleIsRefusedNamingTheFieldAtFault(String name, Kind kind, String field,
                                                      Function<ConsentRules, Object> decide) {
        LedgerRejection refusal = catchThrowableOfType(LedgerRejection.class, () -> decide.apply(rules));

        assertThat(refusal).as(name).isNotNull();
        assertThat(refusal.kind()).as(name).isEqualTo(kind);
        assertThat(refusal.field()).as(name).isEqualTo(field);
    }
}
