package org.consentledger.ledger.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.signals.GpcSignal;
import org.consentledger.api.signals.TcfConsent;

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

    /**
     * @param context     how and where the visitor chose; null when the client did not say
     * @param tcf         what the TC string sent with it says of purposes; null without one
     * @param consentMode the Consent Mode types the consent decides under its version's mapping; null without one
     * @param gpc         the Global Privacy Control signal sent with it and the categories it denied; null without it
     */
    record ConsentGivenData(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt,
                            List<String> granted, List<String> denied, String source, DecisionContext context,
                            TcfPurposes tcf, Map<String, String> consentMode, GpcSignal gpc) {
    }

    record ConsentWithdrawnData(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt,
                                List<String> categories, DecisionContext context, Map<String, String> consentMode) {
    }

    /** A TC string's purposes, without its vendor lists, which can be long and which analytics does not count. */
    record TcfPurposes(int cmpId, int cmpVersion, String consentLanguage, int vendorListVersion, int policyVersion,
                       List<Integer> purposeConsents, List<Integer> purposeLegitimateInterests,
                       List<Integer> specialFeatureOptIns) {

        static TcfPurposes of(TcfConsent tcf) {
            return tcf == null ? null : new TcfPurposes(tcf.cmpId(), tcf.cmpVersion(), tcf.consentLanguage(),
                    tcf.vendorListVersion(), tcf.policyVersion(), tcf.purposeConsents(),
                    tcf.purposeLegitimateInterests(), tcf.specialFeatureOptIns());
        }
    }

    record SubjectErasedData(String siteId, String erasureId, String reason, Instant requestedAt, Instant recordedAt) {
    }

    /** The policy without its page text, which analytics does not need and which can be long. */
    record PolicyPublishedData(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                               Instant recordedAt, List<CookieCategory> categories, List<Cookie> cookies) {
    }

    /** @param policy the version the consent was given under */
    static OutgoingEvent of(ConsentGiven e, DomainEventMessage<?> message, CookiePolicy policy) {
        List<String> optedOut = e.gpc() == null ? List.of() : e.gpc().optedOut();
        Map<String, String> states = consentMode(policy, category -> e.granted().contains(category) ? "granted"
                : e.denied().contains(category) || optedOut.contains(category) ? "denied" : null);
        return visitorEvent(CONSENT_GIVEN, message, e.recordedAt(), new ConsentGivenData(e.siteId(), e.policyVersion(),
                e.occurredAt(), e.recordedAt(), e.granted(), e.denied(), e.source(), e.context(),
                TcfPurposes.of(e.tcf()), states, e.gpc()));
    }

    /** @param policy the version in force when the visitor withdrew */
    static OutgoingEvent of(ConsentWithdrawn e, DomainEventMessage<?> message, CookiePolicy policy) {
        Map<String, String> states = consentMode(policy, category -> policy.category(category)
                .filter(c -> c.consentRequired() && (e.categories().isEmpty() || e.categories().contains(category)))
                .map(c -> "denied").orElse(null));
        return visitorEvent(CONSENT_WITHDRAWN, message, e.recordedAt(), new ConsentWithdrawnData(e.siteId(),
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.categories(), e.context(), states));
    }

    /** The types a decision decides, by what it says of each type's category; null when the version maps none. */
    private static Map<String, String> consentMode(CookiePolicy policy, Function<String, String> stateOf) {
        if (policy.consentMode() == null) {
            return null;
        }
        Map<String, String> states = new TreeMap<>();
        policy.consentMode().forEach((type, category) -> {
            String state = stateOf.apply(category);
            states.put(type, state);
        });
        states.values().removeIf(Objects::isNull);
        return states;
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
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.granted(), e.denied(), e.source(), null, null,
                null, null));
    }

    static OutgoingEvent of(ConsentWithdrawnV1 e, DomainEventMessage<?> message, String stream) {
        return visitorEvent(CONSENT_WITHDRAWN, message, stream, e.recordedAt(), new ConsentWithdrawnData(e.siteId(),
                e.policyVersion(), e.occurredAt(), e.recordedAt(), e.categories(), null, null));
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
