package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PersonalCommitmentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The salt of the worked example: the bytes 0x00 to 0x1f. */
    static final byte[] SALT = new byte[PersonalCommitment.SALT_BYTES];

    static {
        for (int i = 0; i < SALT.length; i++) {
            SALT[i] = (byte) i;
        }
    }

    /** The personal part of the worked example, members in the order a writer might give them. */
    static final String PERSONAL = "{\"visitorId\":\"alice\",\"consentId\":\"example-consent-1\","
            + "\"evidence\":{\"userAgent\":\"Mozilla/5.0\",\"banner\":\"Cookies? Ja, gern \u2013 Z\u00fcrich\"}}";

    // Computed outside Java: node:crypto's SHA-256 over the 32 salt bytes followed by the canonical form below,
    // written out by hand.
    static final String COMMITMENT = "8237647b07d81c28fbcc30c4a1ed399c321ea9837973c02a8416dd3883efde2e";

    @Test
    void commitsToTheWorkedExample() {
        assertThat(PersonalCommitment.of(SALT, JSON.readTree(PERSONAL))).isEqualTo(COMMITMENT);
    }

    @Test
    void isSha256OfTheSaltThenTheCanonicalForm() {
        byte[] canonical = ("{\"consentId\":\"example-consent-1\",\"evidence\":{\"banner\":\"Cookies? Ja, gern "
                + "\u2013 Z\u00fcrich\",\"userAgent\":\"Mozilla/5.0\"},\"visitorId\":\"alice\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] committed = new byte[SALT.length + canonical.length];
        System.arraycopy(SALT, 0, committed, 0, SALT.length);
        System.arraycopy(canonical, 0, committed, SALT.length, canonical.length);

        assertThat(EventHash.sha256Hex(committed)).isEqualTo(COMMITMENT);
    }

    @Property(tries = 200)
    void anotherSaltGivesAnotherCommitment(@ForAll @Size(32) byte[] salt, @ForAll @Size(32) byte[] other) {
        Assume.that(!Arrays.equals(salt, other));
        JsonNode personal = JSON.readTree(PERSONAL);

        assertThat(PersonalCommitment.of(salt, personal)).isNotEqualTo(PersonalCommitment.of(other, personal));
    }

    @Property(tries = 200)
    void otherFieldsGiveAnotherCommitment(
            @ForAll @CharRange(from = 'a', to = 'z') @CharRange(from = '\u00e0', to = '\u00ff') String visitorId,
            @ForAll @CharRange(from = 'a', to = 'z') String other) {
        Assume.that(!visitorId.equals(other));
        ObjectNode personal = (ObjectNode) JSON.readTree(PERSONAL);
        ObjectNode changed = personal.deepCopy();
        personal.put("visitorId", visitorId);
        changed.put("visitorId", other);

        assertThat(PersonalCommitment.of(SALT, personal)).isNotEqualTo(PersonalCommitment.of(SALT, changed));
    }

    @Test
    void memberOrderDoesNotMatter() {
        String reordered = "{\"evidence\":{\"banner\":\"Cookies? Ja, gern \u2013 Z\u00fcrich\","
                + "\"userAgent\":\"Mozilla/5.0\"},\"consentId\":\"example-consent-1\",\"visitorId\":\"alice\"}";

        assertThat(PersonalCommitment.of(SALT, JSON.readTree(reordered))).isEqualTo(COMMITMENT);
    }

    @Test
    void refusesASaltOfAnotherLength() {
        for (int length : new int[] {0, 16, 31, 33, 64}) {
            assertThatThrownBy(() -> PersonalCommitment.of(new byte[length], JSON.readTree(PERSONAL)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
        }
    }

    @Test
    void refusesAPersonalPartThatIsNoObjectOrHasNoCanonicalForm() {
        for (String personal : new String[] {"null", "\"alice\"", "[\"alice\"]", "{\"ratio\":0.5}"}) {
            assertThatThrownBy(() -> PersonalCommitment.of(SALT, JSON.readTree(personal)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PersonalCommitment.of(null, JSON.readTree(PERSONAL)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PersonalCommitment.of(SALT, null)).isInstanceOf(NullPointerException.class);
    }
}
