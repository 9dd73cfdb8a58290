package org.consentledger.api;

import java.util.Arrays;
import java.util.Optional;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.erasure.SubjectErased;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * The registry of the ledger's event types: each type's stable name, and the name each surface has carried since it
 * was released. Every name a client, a consumer or a hash sees comes from here, never from a Java class, so that
 * moving or renaming a class cannot change what was published or hashed.
 * <p>
 * Events are written in evidence format 2, stored and hashed under their stable name. Events written before, in
 * format 1, stay stored under the name of the class they had then ({@link #formatOneName()}) and are read into the
 * records of that format.
 */
public enum EventType {

    CONSENT_GIVEN("consent.given", "ConsentGiven", "org.consentledger.api.consent.ConsentGiven",
            ConsentGivenV1.class, ConsentGiven.class),
    CONSENT_WITHDRAWN("consent.withdrawn", "ConsentWithdrawn", "org.consentledger.api.consent.ConsentWithdrawn",
            ConsentWithdrawnV1.class, ConsentWithdrawn.class),
    POLICY_PUBLISHED("policy.published", "CookiePolicyPublished",
            "org.consentledger.api.policy.CookiePolicyPublished", CookiePolicyPublished.class,
            CookiePolicyPublished.class),
    SUBJECT_ERASED("subject.erased", "SubjectErased", null, null, SubjectErased.class),
    NOTICE_PUBLISHED("notice.published", "NoticePublished", null, null, NoticePublished.class);

    private static final String CLOUD_EVENT_PREFIX = "org.consentledger.";

    private final String stableName;
    private final String label;
    private final String formatOneName;
    private final Class<?> formatOneType;
    private final Class<?> payloadType;

    EventType(String stableName, String label, String formatOneName, Class<?> formatOneType, Class<?> payloadType) {
        this.stableName = stableName;
        this.label = label;
        this.formatOneName = formatOneName;
        this.formatOneType = formatOneType;
        this.payloadType = payloadType;
    }

    /** The registered name ({@code consent.given}): what format 2 stores and hashes, and every new surface uses. */
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
     * The name evidence format 1 stored, hashed and put in bundles, written out rather than taken from a class: it is
     * the class's name as it was when those events were stored. Null for a type that came after format 1.
     */
    public String formatOneName() {
        return formatOneName;
    }

    /** The record a format 1 event of this type is read into; null for a type that came after format 1. */
    public Class<?> formatOneType() {
        return formatOneType;
    }

    /** The record a format 2 event's payload is. */
    public Class<?> payloadType() {
        return payloadType;
    }

    /** The name an event held in {@code type} is stored under: format 1 records keep their format's name. */
    public String storedName(Class<?> type) {
        return type == formatOneType && type != payloadType ? formatOneName : stableName;
    }

    /** The record an event stored under {@code name} (one of this type's names) is read into. */
    public Class<?> typeStoredAs(String name) {
        return name.equals(stableName) ? payloadType : formatOneType;
    }

    /** The evidence format of an event stored under {@code name}: 2 under a stable name, 1 under a class name. */
    public static int formatOf(String storedName) {
        return Arrays.stream(values()).anyMatch(t -> t.stableName.equals(storedName)) ? 2 : 1;
    }

    public static Optional<EventType> ofPayload(Class<?> type) {
        return Arrays.stream(values()).filter(t -> t.payloadType.equals(type) || type.equals(t.formatOneType))
                .findFirst();
    }

    public static Optional<EventType> ofStoredName(String name) {
        return Arrays.stream(values()).filter(t -> t.stableName.equals(name) || name.equals(t.formatOneName))
                .findFirst();
    }

    public static Optional<EventType> ofFormatOneName(String name) {
        return Arrays.stream(values()).filter(t -> name.equals(t.formatOneName)).findFirst();
    }

    public static Optional<EventType> ofStableName(String name) {
        return Arrays.stream(values()).filter(t -> t.stableName.equals(name)).findFirst();
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
