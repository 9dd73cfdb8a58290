package org.consentledger.ledger.consent;

import static org.consentledger.ledger.LedgerRejection.Kind.CONFLICT;
import static org.consentledger.ledger.LedgerRejection.Kind.INVALID;
import static org.consentledger.ledger.LedgerRejection.Kind.NOT_FOUND;
import static org.consentledger.ledger.Rejections.rejection;
import static org.consentledger.ledger.policy.TestPolicies.SITE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnPersonal;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.personal.TestSecrets;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.policy.TestPolicies;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.DecisionScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConsentDeciderTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant V1_FROM = NOW.minus(Duration.ofDays(60));
    static final Instant V2_FROM = NOW.minus(Duration.ofDays(1));
    static final String VISITOR = "visitor-7";
    static final Instant CHOSEN = NOW.minusSeconds(30);

    DecisionScenario fixture;

    @BeforeEach
    void setUp() {
        ConsentProperties properties = new ConsentProperties(Duration.ofMinutes(5), Duration.ofDays(30), 100, 1000, 1,
                Duration.ZERO);
        EventStore policies = TestPolicies.storeWith(V1_FROM, TestPolicies.version1(V1_FROM),
                TestPolicies.version2(V2_FROM));
        ConsentDecider decider = new ConsentDecider(new ConsentRules(Clock.fixed(NOW, ZoneOffset.UTC), properties, true),
                TestSecrets.pseudonyms(), KEYS);
        fixture = new DecisionScenario(decider, new PublishedPolicies(policies, TestPolicies.headsOf(policies)),
                ConsentDeciderTest::targetOf);
    }

    static final VisitorStreams STREAMS = TestSecrets.streams();
    static final ConsentSubmissionKeys KEYS = new ConsentSubmissionKeys(TestSecrets.pseudonyms());

    /** Where a stored event was appended: the stream and submission key of the command that recorded it. */
    static Decider.Target targetOf(Object stored) {
        Decided.Record<?, ?> recorded = (Decided.Record<?, ?>) stored;
        if (recorded.personal() instanceof ConsentGivenPersonal p) {
            return target(new GiveConsent(SITE, p.visitorId(), p.consentId(), 1, NOW, List.of(), List.of(), null,
                    Map.of()));
        }
        ConsentWithdrawnPersonal p = (ConsentWithdrawnPersonal) recorded.personal();
        return target(new WithdrawConsent(SITE, p.visitorId(), p.withdrawalId(), NOW, List.of()));
    }

    private static Decider.Target target(ConsentDecision command) {
        String stream = STREAMS.current(command.siteId(), command.visitorId());
        return new Decider.Target(stream, command.siteId(), KEYS.ofDecision(stream, command));
    }

    static GiveConsent give(String consentId, int version, Instant at, List<String> granted, List<String> denied) {
        return new GiveConsent(SITE, VISITOR, consentId, version, at, granted, denied, "banner",
                Map.of("userAgent", "Firefox/140", "language", "fr"));
    }

    static Decided.Record<ConsentGiven, Receipt> given(GiveConsent c, Instant recordedAt) {
        return new Decided.Record<>(new ConsentGiven(c.siteId(), c.policyVersion(), c.occurredAt(), recordedAt,
                c.granted(), c.denied(), c.source(), null),
                new ConsentGivenPersonal(c.visitorId(), c.consentId(), c.evidence()));
    }

    static Decided.Record<ConsentWithdrawn, Receipt> withdrawn(String id, int version, Instant at, Instant recordedAt,
                                                              List<String> categories) {
        return new Decided.Record<>(new ConsentWithdrawn(SITE, version, at, recordedAt, categories, null),
                new ConsentWithdrawnPersonal(VISITOR, id));
    }

    static WithdrawConsent withdraw(String id, Instant at, List<String> categories) {
        return new WithdrawConsent(SITE, VISITOR, id, at, categories);
    }

    @Nested
    class GivingConsent {

        @Test
        void aVisitorsChoiceIsRecordedWithTheLedgersClock() {
            GiveConsent command = give("c-1", 2, CHOSEN, List.of("statistics"), List.of("third-party"));
            fixture.givenNoPriorActivity()
                    .when(command)
                    .expectEvents(given(command, NOW))
                    .expectReceipt(r -> r instanceof Receipt receipt
                            && !receipt.replayed() && receipt.eventId() != null && receipt.recordedAt().equals(NOW)
                            && receipt.submissionId().equals("c-1"));
        }

        @Test
        void consentUnderAnOlderVersionStillInForceAtTheTimeIsAccepted() {
            GiveConsent command = give("c-1", 1, V2_FROM.minusSeconds(1), List.of("statistics"), List.of());
            fixture.givenNoPriorActivity().when(command).expectEvents(given(command, NOW));
        }

        @Test
        void resubmittingTheSameConsentRecordsNothingAndReturnsTheOriginalReceipt() {
            GiveConsent command = give("c-1", 2, CHOSEN, List.of("statistics"), List.of());
            fixture.given(given(command, NOW.minusSeconds(5)))
                    .when(give("c-1", 2, CHOSEN, List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectReceipt(r -> r instanceof Receipt receipt
                            && receipt.replayed() && receipt.recordedAt().equals(NOW.minusSeconds(5)));
        }

        @Test
        void reusingAConsentIdForOtherContentIsAConflict() {
            GiveConsent command = give("c-1", 2, CHOSEN, List.of("statistics"), List.of());
            fixture.given(given(command, NOW.minusSeconds(5)))
                    .when(give("c-1", 2, CHOSEN, List.of("statistics", "third-party"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(CONFLICT, "consentId"));
        }

        @Test
        void anUnknownSiteIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new GiveConsent("other.example.org", VISITOR, "c-1", 1, CHOSEN, List.of("statistics"),
                            List.of(), null, Map.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(NOT_FOUND, "siteId"));
        }

        @Test
        void anUnknownPolicyVersionIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 3, CHOSEN, List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "policyVersion"));
        }

        @Test
        void consentBeforeItsPolicyTookEffectIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, V2_FROM.minusSeconds(1), List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "occurredAt"));
        }

        @Test
        void anUnknownCategoryIsRefusedNamingItsPosition() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, CHOSEN, List.of("statistics", "marketing"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "granted[1]"));
        }

        @Test
        void aCategoryThatNeedsNoConsentCannotBeDenied() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, CHOSEN, List.of(), List.of("necessary")))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "denied[0]"));
        }

        @Test
        void aCategoryCannotBeBothGrantedAndDenied() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, CHOSEN, List.of("statistics"), List.of("statistics")))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "denied[0]"));
        }

        @Test
        void aConsentThatDecidesNothingIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, CHOSEN, List.of(), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "granted"));
        }

        @Test
        void occurredAtMoreThanTheClockSkewAheadIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, NOW.plus(Duration.ofMinutes(5)).plusMillis(1), List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "occurredAt"));
        }

        @Test
        void occurredAtJustWithinTheClockSkewIsAccepted() {
            GiveConsent command = give("c-1", 2, NOW.plus(Duration.ofMinutes(5)), List.of("statistics"), List.of());
            fixture.givenNoPriorActivity().when(command).expectEvents(given(command, NOW));
        }

        @Test
        void occurredAtBeyondTheBackfillWindowIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 1, NOW.minus(Duration.ofDays(30)).minusMillis(1), List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "occurredAt"));
        }

        @Test
        void occurredAtWithNanosecondsIsRefusedRatherThanSilentlyTruncated() {
            fixture.givenNoPriorActivity()
                    .when(give("c-1", 2, CHOSEN.plusNanos(1), List.of("statistics"), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "occurredAt"));
        }
    }

    @Nested
    class WithdrawingConsent {

        GiveConsent earlier = give("c-1", 2, CHOSEN, List.of("statistics", "third-party"), List.of());

        @Test
        void aWithdrawalRecordsThePolicyVersionInForceWhenItOccurred() {
            fixture.given(given(earlier, NOW))
                    .when(withdraw("w-1", CHOSEN.plusSeconds(10), List.of("third-party")))
                    .expectEvents(withdrawn("w-1", 2, CHOSEN.plusSeconds(10), NOW, List.of("third-party")));
        }

        @Test
        void aWithdrawalBeforeVersion2TookEffectIsCheckedAgainstVersion1() {
            Instant before = V2_FROM.minusSeconds(60);
            fixture.givenNoPriorActivity()
                    .when(withdraw("w-1", before, List.of()))
                    .expectEvents(withdrawn("w-1", 1, before, NOW, List.of()));
        }

        @Test
        void aCategoryThatNeedsNoConsentCannotBeWithdrawn() {
            fixture.given(given(earlier, NOW))
                    .when(withdraw("w-1", CHOSEN, List.of("statistics", "necessary")))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "categories[1]"));
        }

        @Test
        void aWithdrawalBeforeAnyPolicyWasInForceIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(withdraw("w-1", V1_FROM.minusSeconds(1), List.of()))
                    .expectNoEvents()
                    .expectRejection(rejection(INVALID, "occurredAt"));
        }

        @Test
        void resubmittingAWithdrawalIsIdempotentAndReusingItsIdIsAConflict() {
            Decided.Record<ConsentWithdrawn, Receipt> recorded = withdrawn("w-1", 2, CHOSEN, NOW, List.of());
            fixture.given(given(earlier, NOW), recorded)
                    .when(withdraw("w-1", CHOSEN, List.of()))
                    .expectNoEvents()
                    .expectReceipt(r -> r instanceof Receipt receipt
                            && receipt.replayed() && receipt.type().equals("ConsentWithdrawn"));
            fixture.given(given(earlier, NOW), recorded)
                    .when(withdraw("w-1", CHOSEN, List.of("statistics")))
                    .expectNoEvents()
                    .expectRejection(rejection(CONFLICT, "withdrawalId"));
        }
    }
}
