package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.verifier.MerkleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A log of several hundred events proves each of them from its stored subtrees exactly as RFC 9162 does from every
 * leaf; a stored subtree changed behind the ledger's back is found by the audit, and stored subtrees lost are
 * stored again from the leaves at the next checkpoint.
 */
class TiledProofsIT {

    static final String SITE = "/api/v1/sites/juleslesmart.opendatasoft.com";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void proofsFromStoredSubtreesAreThoseOfTheLeavesAndTheAuditHoldsThemToTheLeaves() {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of(
                "ledger.evidence.checkpoint-after", 1_000_000, "ledger.evidence.checkpoint-every", "PT1H"))) {
            List<String> eventIds = record(ledger, 700);
            JsonNode checkpoint = ledger.get("/api/v1/audit/checkpoints/latest").json();
            long size = checkpoint.get("treeSize").asLong();
            assertThat(size).isEqualTo(702); // the two seed policies, then the consents
            JdbcClient db = ledger.bean(JdbcClient.class);
            assertThat(db.sql("select count(*) from merkle_node where node_level = 8").query(Long.class).single())
                    .isEqualTo(2);

            EvidenceLog log = ledger.bean(EvidenceLog.class);
            List<byte[]> leaves = log.leaves(0, size).stream().map(EvidenceLog.Leaf::leafHash).toList();
            for (String eventId : List.of(eventIds.get(0), eventIds.get(300), eventIds.get(eventIds.size() - 1))) {
                JsonNode inclusion = ledger.get("/api/v1/audit/proofs/inclusion?eventId=" + eventId + "&treeSize="
                        + size).json();
                int index = inclusion.get("leafIndex").asInt();
                assertThat(hashes(inclusion.get("proof"))).as(eventId)
                        .containsExactlyElementsOf(MerkleTree.inclusionProof(index, leaves));
                assertThat(MerkleTree.verifyInclusion(index, size, leaves.get(index), hashes(inclusion.get("proof")),
                        bytes(checkpoint.get("rootHash")))).isTrue();
            }
            JsonNode consistency = ledger.get("/api/v1/audit/proofs/consistency?from=300&to=" + size).json();
            assertThat(hashes(consistency.get("proof")))
                    .containsExactlyElementsOf(MerkleTree.consistencyProof(300, leaves));
            assertThat(audit(ledger).get("intact").asBoolean()).isTrue();

            String genuine = db.sql("select node_hash from merkle_node where node_level = 8 and node_index = 0")
                    .query(String.class).single();
            db.sql("update merkle_node set node_hash = :forged where node_level = 8 and node_index = 0")
                    .param("forged", "0".repeat(64)).update();
            JsonNode report = audit(ledger);
            assertThat(report.get("intact").asBoolean()).isFalse();
            assertThat(report.at("/problem/description").asString()).contains("stored subtree 8/0");
            db.sql("update merkle_node set node_hash = :genuine where node_level = 8 and node_index = 0")
                    .param("genuine", genuine).update();

            db.sql("delete from merkle_node").update();
            record(ledger, 10);
            ledger.get("/api/v1/audit/checkpoints/latest");
            assertThat(db.sql("select count(*) from merkle_node where node_level = 8").query(Long.class).single())
                    .isEqualTo(2);
            assertThat(audit(ledger).get("intact").asBoolean()).isTrue();
        }
    }

    private List<String> record(LedgerInstance ledger, int consents) {
        clock.advance(Duration.ofSeconds(1));
        StringBuilder decisions = new StringBuilder();
        long first = System.nanoTime();
        for (int i = 0; i < consents; i++) {
            decisions.append(i == 0 ? "" : ",").append("""
                    {"visitorId": "v%d", "consent": {"consentId": "c%d-%d", "policyVersion": 1, "occurredAt": "%s",
                     "granted": ["statistics"], "denied": []}}""".formatted(i, first, i, clock.instant()));
        }
        JsonNode results = ledger.post(SITE + "/consents:batch", "{\"decisions\": [" + decisions + "]}").json()
                .get("results");
        List<String> eventIds = new ArrayList<>();
        results.forEach(result -> {
            assertThat(result.get("status").asInt()).as(result.toString()).isEqualTo(201);
            eventIds.add(result.at("/receipt/eventId").asString());
        });
        ledger.awaitEvidenceLogCaughtUp();
        return eventIds;
    }

    private static JsonNode audit(LedgerInstance ledger) {
        return ledger.post("/api/v1/audit/verify", "").json();
    }

    private static byte[] bytes(JsonNode hex) {
        return HexFormat.of().parseHex(hex.asString());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(h -> hashes.add(bytes(h)));
        return hashes;
    }
}
