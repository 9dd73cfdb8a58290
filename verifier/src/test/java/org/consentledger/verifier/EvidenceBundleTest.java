package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** The bundle's events as JSON: members of format 3 only where they are set, so older formats read as before. */
class EvidenceBundleTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode PAYLOAD = JSON.readTree("{\"recordedAt\":\"2026-01-01T00:00:00Z\"}");

    @Test
    void anEventOfFormatOneIsWrittenWithItsMembersOnly() {
        JsonNode inFormatOne = JSON.valueToTree(new EvidenceBundle.LoggedEvent("e", "t", "s", 0, PAYLOAD,
                EventHash.GENESIS, EventHash.GENESIS, 3, List.of(EventHash.GENESIS)));
        JsonNode inFormatTwo = JSON.valueToTree(new EvidenceBundle.LoggedEvent("e", "t", "s", 0, PAYLOAD,
                EventHash.GENESIS, EventHash.GENESIS, 3, null));

        assertThat(inFormatOne.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "stream", "sequence",
                "payload", "previousHash", "hash", "leafIndex", "inclusionProof");
        assertThat(inFormatTwo.propertyNames()).containsExactlyInAnyOrder("eventId", "type", "stream", "sequence",
                "payload", "previousHash", "hash", "leafIndex");
    }

    @Test
    void anEventOfFormatTwoIsWrittenWithItsPublicPartAndCommitment() {
        EvidenceBundle.LoggedEvent event = new EvidenceBundle.LoggedEvent("e", "policy.published", "s", 0, null,
                EventHash.GENESIS, EventHash.GENESIS, 3, null, 2, PAYLOAD, null, NullNode.getInstance());
        JsonNode written = JSON.valueToTree(event);

        assertThat(written.propertyNames()).containsExactlyInAnyOrder("format", "eventId", "type", "stream",
                "sequence", "public", "personal", "previousHash", "hash", "leafIndex");
        assertThat(written.get("personal").isNull()).isTrue();
        assertThat(JSON.treeToValue(written, EvidenceBundle.LoggedEvent.class)).isEqualTo(event);
    }
}
