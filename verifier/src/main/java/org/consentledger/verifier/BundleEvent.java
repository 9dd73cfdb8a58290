package org.consentledger.verifier;

import java.util.Optional;
import org.consentledger.api.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One event of a bundle read by its event format (docs/evidence-format.md §5, §13 and §14): how it is hashed,
 * what of it is public, what is personal, and what was erased. Bundles of format 1 and 2 hold events of format 1 only, and
 * there a payload is never read as erased.
 */
final class BundleEvent {

    /** The stable name of the last event of an erased visitor's stream; it has no personal part. */
    static final String SUBJECT_ERASED = EventType.SUBJECT_ERASED.stableName();
    /** What a bundle of format 3 writes in place of a payload or personal part that was destroyed. */
    static final String ERASED = "erased";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EvidenceBundle.LoggedEvent event;
    private final int format;
    private final Optional<EventType> type;
    private final boolean contentErased;

    private BundleEvent(EvidenceBundle.LoggedEvent event, int format, Optional<EventType> type, boolean contentErased) {
        this.event = event;
        this.format = format;
        this.type = type;
        this.contentErased = contentErased;
    }

    /**
     * @throws IllegalArgumentException in a bundle of format 3, for an event that states neither event format 1 nor 2
     */
    static BundleEvent of(EvidenceBundle.LoggedEvent event, boolean formatThree) {
        if (!formatThree) {
            return new BundleEvent(event, 1, EventType.ofFormatOneName(event.type()), false);
        }
        Integer format = event.format();
        if (format == null || (format != 1 && format != 2)) {
            throw new IllegalArgumentException("event " + event.eventId() + " states the event format " + format
                    + ", where a bundle of format 3 has events of format 1 or 2 only");
        }
        if (format == 1) {
            return new BundleEvent(event, 1, EventType.ofFormatOneName(event.type()), isErased(event.payload()));
        }
        return new BundleEvent(event, 2, EventType.ofStableName(event.type()), false);
    }

    EvidenceBundle.LoggedEvent event() {
        return event;
    }

    int format() {
        return format;
    }

    /** A format 1 event whose payload was destroyed: only its place in the log and in its stream can be shown. */
    boolean contentErased() {
        return contentErased;
    }

    boolean isPolicy() {
        return type.filter(t -> t == EventType.POLICY_PUBLISHED).isPresent();
    }

    boolean isNotice() {
        return format == 2 && type.filter(t -> t == EventType.NOTICE_PUBLISHED).isPresent();
    }

    /** An event of the site's own stream (a policy version or a notice), which is about no visitor. */
    boolean isSiteEvent() {
        return isPolicy() || isNotice();
    }

    /** A notice's digest is the SHA-256 of the notice's canonical form ({@link NoticeDigest}). */
    boolean noticeDigestHolds() {
        JsonNode shown = shown();
        JsonNode notice = shown == null ? null : shown.get("notice");
        JsonNode digest = shown == null ? null : shown.get("digest");
        try {
            return notice != null && notice.isObject() && digest != null && digest.isString()
                    && NoticeDigest.of(notice).equals(digest.asString());
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean isErasure() {
        return format == 2 && SUBJECT_ERASED.equals(event.type());
    }

    /** Whether {@code hash} is what the event's content hashes to; false when it has no hash. */
    boolean hashHolds() {
        try {
            String recomputed = format == 1
                    ? EventHash.of(event.eventId(), event.type(), event.stream(), event.sequence(), event.payload(),
                            event.previousHash())
                    : EventHash.ofFormatTwo(event.eventId(), event.type(), event.stream(), event.sequence(),
                            event.publicPart(), event.commitment(), event.previousHash());
            return recomputed.equals(event.hash());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The part that holds {@code recordedAt} and what the answer reads: the payload, or the public part. */
    JsonNode shown() {
        return format == 1 ? event.payload() : event.publicPart();
    }

    /** A format 2 event that committed to a personal part (or claims to): its commitment is checked. */
    boolean hasPersonalPart() {
        return format == 2 && (event.commitment() != null || personal() != null);
    }

    boolean personalErased() {
        return isErased(personal());
    }

    /** The personal part's fields when the bundle shows them, else null. */
    JsonNode personalFields() {
        JsonNode personal = personal();
        JsonNode fields = personal == null ? null : personal.get("fields");
        return fields != null && fields.isObject() ? fields : null;
    }

    /** Whether anything personal is still shown: a format 1 payload, or a format 2 personal part not erased. */
    boolean showsPersonalData() {
        return format == 1 ? !contentErased : personal() != null && !personalErased();
    }

    /** SHA-256 of the salt and the fields is the commitment. */
    boolean commitmentHolds() {
        JsonNode personal = personal();
        JsonNode salt = personal == null ? null : personal.get("salt");
        JsonNode fields = personalFields();
        try {
            return event.commitment() != null && salt != null && salt.isString() && EventHash.isHash(salt.asString())
                    && fields != null
                    && PersonalCommitment.of(EventHash.fromHex(salt.asString()), fields).equals(event.commitment());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * What the answer reads from the event: a {@code CookiePolicyPublished}, a {@code NoticePublished}, or a
     * {@code ConsentGiven} or
     * {@code ConsentWithdrawn} that can be attributed to a visitor (with its payload, or its personal fields);
     * null for anything else, and for what does not map onto its type.
     */
    Object content() {
        if (type.isEmpty() || contentErased) {
            return null;
        }
        JsonNode content = shown();
        if (format == 2 && !isSiteEvent()) {
            JsonNode fields = personalFields();
            if (fields == null || content == null || !content.isObject()) {
                return null;
            }
            // The public members win: the personal part only says who.
            ObjectNode merged = ((ObjectNode) fields).deepCopy();
            merged.setAll((ObjectNode) content);
            content = merged;
        }
        try {
            Class<?> record = format == 1 ? type.get().formatOneType() : type.get().payloadType();
            return JSON.treeToValue(content, record);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private JsonNode personal() {
        JsonNode personal = event.personal();
        return personal == null || personal.isNull() ? null : personal;
    }

    private static boolean isErased(JsonNode node) {
        return node != null && node.isString() && ERASED.equals(node.asString());
    }
}
