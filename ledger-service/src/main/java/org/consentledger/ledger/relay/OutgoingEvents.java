package org.consentledger.ledger.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * What analytics consumers get of each ledger event: its public part. Deliberately not the stored event: who chose
 * and what the client saw of them (visitor id, client ids, evidence) is personal data and stays in the ledger, sealed;
 * consumers get the choices under the visitor's pseudonymous key, the one the ledger's tables use.
 */
final class OutgoingEvents {

    static final String CONSENT_GIVEN = EventType.CONSENT_GIVEN.cloudEventType();
    static final String CONSENT_WITHDRAWN = EventType.CONSENT_WITHDRAWN.cloudEventType();
    static final String POLICY_PUBLISHED = EventType.POLICY_PUBLISHED.cloudEventType();
    static final String SUBJECT_ERASED = EventType.SUBJECT_ERASED.cloudEventType();

    private OutgoingEvents() {
    }

    record ConsentGivenData(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt,
                            List<String> granted, List<String> denied, String source) {
    }

    record ConsentWithdrawnData(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt,
                                List<String> categories) {
    }

    record SubjectErasedData(String siteId, String erasureId, String reason, Instant requestedAt, Instant recordedAt) {
    }

    /** The policy without its page text, which analytics does not need and which can be long. */
    record PolicyPublishedData(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                               Instant recordedAt, List<CookieCategory> categories, List<Cookie> cookies) {
    }

    static OutgoingEvent of(ConsentGiven e, DomainEventMessage<?> message) {
        return visitorEvent(CONSENT_GIVEN, message, e.recordedAt(), new ConsentGivenData(e.siteId(), e.policyVersion(),
                e.occurredAt(), e.recordedAt(), e.granted(), e.denied(), e.source()));
    }

    static OutgoingEvent of(ConsentWithdrawn e, DomainEventMessage<?> message) {
        return visitorEvent(CONSENT_WITHDRAWN, message, e.recordedAt(), new ConsentWithdrawnData(e.siteId(),
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.categories()));
    }

    static OutgoingEvent of(SubjectErased e, DomainEventMessage<?> message) {
        return visitorEvent(SUBJECT_ERASED, message, e.recordedAt(), new SubjectErasedData(e.siteId(), e.erasureId(),
                e.reason(), e.requestedAt(), e.recordedAt()));
    }

    /**
     * A format 1 event, whose stream named the visitor: it goes out under the visitor's first pseudonymous stream, as
     * their later events do, and its consent id is left out like format 2's.
     */
    static OutgoingEvent of(ConsentGivenV1 e, DomainEventMessage<?> message, String stream) {
        return visitorEvent(CONSENT_GIVEN, message, stream, e.recordedAt(), new ConsentGivenData(e.siteId(),
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.granted(), e.denied(), e.source()));
    }

    static OutgoingEvent of(ConsentWithdrawnV1 e, DomainEventMessage<?> message, String stream) {
        return visitorEvent(CONSENT_WITHDRAWN, message, stream, e.recordedAt(), new ConsentWithdrawnData(e.siteId(),
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.categories()));
    }

    private static OutgoingEvent visitorEvent(String type, DomainEventMessage<?> message, Instant recordedAt,
                                              Object data) {
        return visitorEvent(type, message, message.getAggregateIdentifier(), recordedAt, data);
    }

    private static OutgoingEvent visitorEvent(String type, DomainEventMessage<?> message, String stream,
                                              Instant recordedAt, Object data) {
        return new OutgoingEvent(message.getIdentifier(), type, stream.substring(0, stream.indexOf('/')),
                VisitorStreams.visitorKey(stream), recordedAt, message.getSequenceNumber(), data);
    }

    static OutgoingEvent of(CookiePolicyPublished e, String eventId) {
        var p = e.policy();
        return new OutgoingEvent(eventId, POLICY_PUBLISHED, e.siteId(), null, e.recordedAt(), null,
                new PolicyPublishedData(p.siteId(), p.version(), p.effectiveFrom(), p.consentMaxAge(),
                        e.recordedAt(), p.categories(), p.cookies()));
    }
}
