package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.verifier.MerkleTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * An outside party that kept an earlier checkpoint asks the ledger to prove that the later one extends it, and
 * that an event is in the log; both proofs check out against the signed roots.
 */
class LogProofsIT {

    static final String VISITORS = "/api/v1/sites/juleslesmart.opendatasoft.com/visitors/";

    @TempDir
    Path data;

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @Test
    void laterCheckpointsProvablyExtendEarlierOnesAndEventsAreProvablyInTheLog() {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, java.util.Map.of(
                "ledger.evidence.checkpoint-after", 3, "ledger.evidence.checkpoint-every", "PT1H"))) {
            List<String> eventIds = new ArrayList<>();
            JsonNode earlier = submitAndCheckpoint(ledger, 5, eventIds);
            JsonNode later = submitAndCheckpoint(ledger, 9, eventIds);
            long m = earlier.get("treeSize").asLong();
            long n = later.get("treeSize").asLong();
            assertThat(n).isGreaterThan(m);

            JsonNode consistency = ledger.get("/api/v1/audit/proofs/consistency?from=" + m + "&to=" + n).json();
            assertThat(MerkleTree.verifyConsistency(m, n, bytes(earlier.get("rootHash")), bytes(later.get("rootHash")),
                    hashes(consistency.get("proof")))).isTrue();
            assertThat(MerkleTree.verifyConsistency(m, n, bytes(later.get("rootHash")), bytes(earlier.get("rootHash")),
                    hashes(consistency.get("proof")))).isFalse();

            for (String eventId : eventIds) {
                JsonNode inclusion = ledger.get("/api/v1/audit/proofs/inclusion?eventId=" + eventId + "&treeSize=" + n).json();
                assertThat(MerkleTree.verifyInclusion(inclusion.get("leafIndex").asLong(), n,
                        MerkleTree.leafHash(bytes(inclusion.get("eventHash"))), hashes(inclusion.get("proof")),
                        bytes(later.get("rootHash")))).as(eventId).isTrue();
            }
            assertThat(ledger.get("/api/v1/audit/proofs/inclusion?eventId=nope&treeSize=" + n).status()).isEqualTo(404);
            assertThat(ledger.get("/api/v1/audit/proofs/consistency?from=" + (n + 1) + "&to=" + n).status()).isEqualTo(400);
        }
    }

    private JsonNode submitAndCheckpoint(LedgerInstance ledger, int consents, List<String> eventIds) {
        for (int i = 0; i < consents; i++) {
            clock.advance(Duration.ofSeconds(1));
            var receipt = ledger.post(VISITORS + "v" + i + "/consents", """
                    {"consentId": "c%d-%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"], "denied": []}
                    """.formatted(consents, i, clock.instant()));
            assertThat(receipt.status()).isEqualTo(201);
            eventIds.add(receipt.json().get("eventId").asString());
        }
        ledger.awaitEvidenceLogCaughtUp();
        // Signed by itself, before anyone asks: at least 3 events were logged since the last checkpoint.
        EvidenceLog log = ledger.bean(EvidenceLog.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.latestCheckpoint()
                .map(c -> log.size() - c.treeSize() < 3).orElse(false));
        return ledger.get("/api/v1/audit/checkpoints/latest").json();
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
