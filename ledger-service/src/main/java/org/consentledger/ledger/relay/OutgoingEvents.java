package org.consentledger.ledger.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * What analytics consumers get of each ledger event. Deliberately not the stored event: the evidence a client
 * submitted (user agent, language, addresses) is personal data and stays in the ledger; consumers get the
 * pseudonymous visitor id and the choices.
 */
final class OutgoingEvents {

    static final String CONSENT_GIVEN = EventType.CONSENT_GIVEN.cloudEventType();
    static final String CONSENT_WITHDRAWN = EventType.CONSENT_WITHDRAWN.cloudEventType();
    static final String POLICY_PUBLISHED = EventType.POLICY_PUBLISHED.cloudEventType();

    private OutgoingEvents() {
    }

    record ConsentGivenData(String siteId, String visitorId, String consentId, int policyVersion,
                            Instant occurredAt, Instant recordedAt, List<String> granted, List<String> denied,
                            String source) {
    }

    record ConsentWithdrawnData(String siteId, String visitorId, String withdrawalId, int policyVersion,
                                Instant occurredAt, Instant recordedAt, List<String> categories) {
    }

    /** The policy without its page text, which analytics does not need and which can be long. */
    record PolicyPublishedData(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                               Instant recordedAt, List<CookieCategory> categories, List<Cookie> cookies) {
    }

    static OutgoingEvent of(ConsentGiven e, String eventId, long sequence) {
        return new OutgoingEvent(eventId, CONSENT_GIVEN, e.siteId(), e.visitorId(), e.recordedAt(), sequence,
                new ConsentGivenData(e.siteId(), e.visitorId(), e.consentId(), e.policyVersion(), e.occurredAt(),
                        e.recordedAt(), e.granted(), e.denied(), e.source()));
    }

    static OutgoingEvent of(ConsentWithdrawn e, String eventId, long sequence) {
        return new OutgoingEvent(eventId, CONSENT_WITHDRAWN, e.siteId(), e.visitorId(), e.recordedAt(), sequence,
                new ConsentWithdrawnData(e.siteId(), e.visitorId(), e.withdrawalId(), e.policyVersion(),
                        e.occurredAt(), e.recordedAt(), e.categories()));
    }

    static OutgoingEvent of(CookiePolicyPublished e, String eventId) {
        var p = e.policy();
        return new OutgoingEvent(eventId, POLICY_PUBLISHED, e.siteId(), null, e.recordedAt(), null,
                new PolicyPublishedData(p.siteId(), p.version(), p.effectiveFrom(), p.consentMaxAge(),
                        e.recordedAt(), p.categories(), p.cookies()));
    }
}
