package org.consentledger.api;

import java.util.Arrays;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * The registry of the ledger's event types: each type's stable name, and the name each surface has carried since it
 * was released. Every name a client, a consumer or a hash sees comes from here, never from a Java class, so that
 * moving or renaming a class cannot change what was published or hashed.
 */
public enum EventType {

    CONSENT_GIVEN("consent.given", "ConsentGiven", "org.consentledger.api.consent.ConsentGiven",
            ConsentGiven.class),
    CONSENT_WITHDRAWN("consent.withdrawn", "ConsentWithdrawn", "org.consentledger.api.consent.ConsentWithdrawn",
            ConsentWithdrawn.class),
    POLICY_PUBLISHED("policy.published", "CookiePolicyPublished",
            "org.consentledger.api.policy.CookiePolicyPublished", CookiePolicyPublished.class);

    private static final String CLOUD_EVENT_PREFIX = "org.consentledger.";

    private final String stableName;
    private final String label;
    private final String formatOneName;
    private final Class<?> payloadType;

    EventType(String stableName, String label, String formatOneName, Class<?> payloadType) {
        this.stableName = stableName;
        this.label = label;
        this.formatOneName = formatOneName;
        this.payloadType = payloadType;
    }

    /** The registered name ({@code consent.given}): what every new surface, and the next evidence format, uses. */
    public String stableName() {
        return stableName;
    }

    /** What receipts, the events listing and metrics call the type ({@code ConsentGiven}). */
    public String label() {
        return label;
    }

    /** The CloudEvents {@code type} on Kafka ({@code org.consentledger.consent.given}). */
    public String cloudEventType() {
        return CLOUD_EVENT_PREFIX + stableName;
    }

    /**
     * The name evidence format 1 hashes and its bundles carry, written out rather than taken from the class: it is
     * the class's name as it was when those events were stored.
     */
    public String formatOneName() {
        return formatOneName;
    }

    /** The record the event's payload is. */
    public Class<?> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> ofPayload(Class<?> payloadType) {
        return Arrays.stream(values()).filter(t -> t.payloadType.equals(payloadType)).findFirst();
    }

    public static Optional<EventType> ofFormatOneName(String name) {
        return Arrays.stream(values()).filter(t -> t.formatOneName.equals(name)).findFirst();
    }

    public static Optional<EventType> ofCloudEventType(String type) {
        return Arrays.stream(values()).filter(t -> t.cloudEventType().equals(type)).findFirst();
    }

    /** The type of a payload the ledger stores; anything else is a fault of the caller. */
    public static EventType of(Object payload) {
        return ofPayload(payload.getClass()).orElseThrow(() -> new IllegalArgumentException(
                "not an event type of the ledger: " + payload.getClass().getName()));
    }
}
