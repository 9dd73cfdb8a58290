package org.consentledger.ledger.erasure;

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
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.erasure.EraseSubject;
import org.consentledger.api.erasure.ErasureReceipt;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.personal.TestSecrets;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.policy.TestPolicies;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.DecisionScenario;
import org.consentledger.ledger.write.StreamHistory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A visitor asks to be forgotten: the ledger records the erasure once, for a visitor it holds events of. */
class ErasureDeciderTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Instant ASKED = Instant.parse("2026-12-01T09:30:00Z");
    static final String VISITOR = "visitor-7";
    static final VisitorPseudonyms PSEUDONYMS = TestSecrets.pseudonyms();
    static final String STREAM = PSEUDONYMS.stream(SITE, VISITOR, 0);

    DecisionScenario fixture;

    @BeforeEach
    void setUp() {
        EventStore policies = TestPolicies.storeWith(NOW.minus(Duration.ofDays(90)),
                TestPolicies.version1(NOW.minus(Duration.ofDays(90))));
        fixture = new DecisionScenario(new ErasureDecider(new ErasureRules(Clock.fixed(NOW, ZoneOffset.UTC)),
                PSEUDONYMS), new PublishedPolicies(policies, TestPolicies.headsOf(policies)),
                ErasureDeciderTest::targetOf);
    }

    /** Where a stored event of the visitor was appended. */
    static Decider.Target targetOf(Object stored) {
        if (stored instanceof SubjectErased erased) {
            return new Decider.Target(STREAM, SITE, PSEUDONYMS.submission(STREAM, StreamHistory.ERASURE,
                    erased.erasureId()));
        }
        ConsentGivenPersonal personal = (ConsentGivenPersonal) ((Decided.Record<?, ?>) stored).personal();
        return new Decider.Target(STREAM, SITE, PSEUDONYMS.submission(STREAM, "consent", personal.consentId()));
    }

    static Decided.Record<ConsentGiven, Object> consent(String consentId) {
        return new Decided.Record<>(new ConsentGiven(SITE, 1, NOW.minusSeconds(600), NOW.minusSeconds(599),
                List.of("statistics"), List.of(), "banner", null), new ConsentGivenPersonal(VISITOR, consentId, Map.of()));
    }

    static EraseSubject erase(String erasureId, String reason) {
        return new EraseSubject(SITE, VISITOR, erasureId, reason, ASKED);
    }

    static SubjectErased erased(String erasureId, Instant recordedAt) {
        return new SubjectErased(SITE, erasureId, "art17-request", ASKED, recordedAt);
    }

    @Test
    void aVisitorWithEventsIsErasedByAnEventThatNamesNoVisitor() {
        fixture.given(consent("c-1"), consent("c-2"))
                .when(erase("e-1", "art17-request"))
                .expectEvents(erased("e-1", NOW))
                .expectReceipt(r -> r instanceof ErasureReceipt receipt && !receipt.replayed()
                        && receipt.visitorId().equals(VISITOR) && receipt.erasureId().equals("e-1")
                        && receipt.recordedAt().equals(NOW) && receipt.requestedAt().equals(ASKED));
    }

    @Test
    void aVisitorTheSiteNeverRecordedIsNotFoundAndNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(erase("e-1", "art17-request"))
                .expectNoEvents()
                .expectRejection(rejection(NOT_FOUND, "visitorId"));
    }

    @Test
    void theSameErasureAgainAnswersItsReceiptFromTheErasedStream() {
        fixture.given(consent("c-1"), erased("e-1", NOW.minusSeconds(60)))
                .when(erase("e-1", "art17-request"))
                .expectNoEvents()
                .expectReceipt(r -> r instanceof ErasureReceipt receipt && receipt.replayed()
                        && receipt.recordedAt().equals(NOW.minusSeconds(60)) && receipt.visitorId().equals(VISITOR));
    }

    @Test
    void theSameErasureIdForAnotherErasureIsAConflict() {
        fixture.given(consent("c-1"), erased("e-1", NOW.minusSeconds(60)))
                .when(erase("e-1", "other"))
                .expectNoEvents()
                .expectRejection(rejection(CONFLICT, "erasureId"));
    }

    @Test
    void anotherErasureOfAVisitorNotSeenSinceFindsNothingToErase() {
        fixture.given(consent("c-1"), erased("e-1", NOW.minusSeconds(60)))
                .when(erase("e-2", "art17-request"))
                .expectNoEvents()
                .expectRejection(rejection(NOT_FOUND, "visitorId"));
    }

    @Test
    void aStreamTheLedgerFoundIsErasedWithoutEverNamingItsVisitor() {
        fixture.given(consent("c-1"))
                .when(EraseSubject.ofStream(SITE, STREAM, "retention-1", "retention"))
                .expectEvents(new SubjectErased(SITE, "retention-1", "retention", null, NOW))
                .expectReceipt(r -> r instanceof ErasureReceipt receipt && receipt.visitorId() == null
                        && !receipt.replayed());
    }

    @Test
    void aStreamAnotherErasureErasedIsNotErasedAgain() {
        fixture.given(consent("c-1"), erased("e-1", NOW.minusSeconds(60)))
                .when(EraseSubject.ofStream(SITE, STREAM, "retention-1", "retention"))
                .expectNoEvents()
                .expectRejection(rejection(NOT_FOUND, "visitorId"));
    }

    @Test
    void aReasonOutsideTheListAndATimeFinerThanAMicrosecondAreRefused() {
        fixture.given(consent("c-1"))
                .when(erase("e-1", "because"))
                .expectNoEvents()
                .expectRejection(rejection(INVALID, "reason"));
        fixture.given(consent("c-1"))
                .when(new EraseSubject(SITE, VISITOR, "e-1", "retention", ASKED.plusNanos(1)))
                .expectNoEvents()
                .expectRejection(rejection(INVALID, "requestedAt"));
    }
}
