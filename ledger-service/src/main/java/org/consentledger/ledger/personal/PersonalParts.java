package org.consentledger.ledger.personal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.SealedPart;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawnPersonal;
import org.consentledger.verifier.CanonicalJson;
import org.consentledger.verifier.PersonalCommitment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals and opens events' personal parts. Sealing draws a fresh 256-bit salt, commits to the salt and the part's
 * canonical form ({@link PersonalCommitment}: what the event's hash covers), and seals both under the stream's data
 * key ({@link Sealing}); opening checks the part against the commitment again, so a part that opens is the one the
 * hash proves.
 */
public final class PersonalParts {

    /**
     * Leaves out the members later releases added when they are null, so that a part without them commits to what it
     * did before they existed (evidence format §13.1 reads an absent member as null).
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ConsentGivenPersonal.class, LaterGivenMembers.class)
            .addMixIn(ConsentWithdrawnPersonal.class, LaterWithdrawnMembers.class)
            .build();

    private interface LaterGivenMembers {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String tcString();

        @JsonInclude(JsonInclude.Include.NON_NULL)
        String gppString();
    }

    private interface LaterWithdrawnMembers {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Map<String, String> evidence();
    }

    private PersonalParts() {
    }

    /** A personal part opened: its salt, its fields as committed to, and its record. */
    public record Opened<P>(byte[] salt, JsonNode fields, P value) {
    }

    /** A personal part opened as JSON, for what shows it as it was committed to (events, evidence). */
    public record OpenedFields(byte[] salt, JsonNode fields) {
    }

    /** The event with its personal part sealed under the stream's key. */
    public static <E extends PersonalEvent<E, P>, P> E seal(E event, Object personal, String eventId, DataKey key) {
        byte[] salt = RandomBytes.of(PersonalCommitment.SALT_BYTES);
        JsonNode fields = JSON.valueToTree(event.personalType().cast(personal));
        byte[] canonical = CanonicalJson.canonicalize(fields);
        byte[] plain = ByteBuffer.allocate(salt.length + canonical.length).put(salt).put(canonical).array();
        String commitment = PersonalCommitment.ofSaltedCanonical(plain);
        return event.sealedAs(new SealedPart(commitment, Sealing.seal(key, eventId, plain)));
    }

    /**
     * @throws UnreadableSeal when the part does not open with the key, or what opens is not what the commitment
     *         (and so the event's hash) covers
     */
    public static <P> Opened<P> open(PersonalEvent<?, P> event, String eventId, DataKey key) {
        OpenedFields opened = openFields(event, eventId, key);
        return new Opened<>(opened.salt(), opened.fields(), JSON.treeToValue(opened.fields(), event.personalType()));
    }

    /** As {@link #open}, without reading the fields into their record. */
    public static OpenedFields openFields(PersonalEvent<?, ?> event, String eventId, DataKey key) {
        return openFields(event.personal(), eventId, key, true);
    }

    /**
     * @param checked whether to check what opens against the commitment here; a caller that hands the part to
     *                something that checks it anyway (an evidence bundle, checked by its verifier) may leave it
     */
    public static OpenedFields openFields(SealedPart part, String eventId, DataKey key, boolean checked) {
        byte[] plain = Sealing.open(key, eventId, part.sealed());
        if (plain.length < PersonalCommitment.SALT_BYTES) {
            throw new UnreadableSeal("the opened part is too short to hold its salt");
        }
        byte[] salt = Arrays.copyOf(plain, PersonalCommitment.SALT_BYTES);
        JsonNode fields = JSON.readTree(Arrays.copyOfRange(plain, PersonalCommitment.SALT_BYTES, plain.length));
        // Sealed as salt || canonical form, so the opened bytes are what the commitment was made over.
        if (checked && !PersonalCommitment.ofSaltedCanonical(plain).equals(part.commitment())) {
            throw new UnreadableSeal("the opened part is not the one the event's commitment covers");
        }
        return new OpenedFields(salt, fields);
    }
}
