package org.consentledger.ledger.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HexFormat;
import java.util.List;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.verifier.MerkleProofs;
import org.consentledger.verifier.SignedCheckpoint;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What an auditor checks the ledger with: the verification, checkpoints, proofs and the signing key (audit role). */
@RestController
@Tag(name = "audit")
class AuditController {

    private final LedgerAudit audit;
    private final EvidenceLog log;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;

    AuditController(LedgerAudit audit, EvidenceLog log, Checkpoints checkpoints, CheckpointKey key) {
        this.audit = audit;
        this.log = log;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @Operation(summary = "Recompute every hash, chain, leaf, root and signature from the store; report the first mismatch")
    @PostMapping("/api/v1/audit/verify")
    LedgerAudit.Report verify() {
        return audit.verify();
    }

    @Operation(summary = "The newest signed checkpoint of the Merkle log (signing one if the log has grown)")
    @GetMapping("/api/v1/audit/checkpoints/latest")
    SignedCheckpoint latestCheckpoint() {
        return checkpoints.checkpoint().orElseThrow(() ->
                new LedgerRejection(LedgerRejection.Kind.NOT_FOUND, null, "the evidence log is still empty"));
    }

    @Operation(summary = "The public key that verifies checkpoints (PEM)")
    @SecurityRequirements
    @GetMapping(path = "/.well-known/consent-ledger/checkpoint-key.pem", produces = MediaType.TEXT_PLAIN_VALUE)
    String publicKey() {
        return key.publicKeyPem();
    }

    record InclusionProof(String eventId, String eventHash, long leafIndex, long treeSize, List<String> proof) {
    }

    @Operation(summary = "Proof that an event is leaf leafIndex of the tree of size treeSize (a checkpoint's size)")
    @GetMapping("/api/v1/audit/proofs/inclusion")
    InclusionProof inclusion(@RequestParam String eventId, @RequestParam long treeSize) {
        EvidenceLog.Leaf leaf = log.leafOf(eventId).orElseThrow(() -> new LedgerRejection(
                LedgerRejection.Kind.NOT_FOUND, "eventId", "event %s is not in the evidence log (yet)".formatted(eventId)));
        requireSize(treeSize, leaf.leafIndex() + 1);
        return new InclusionProof(eventId, leaf.eventHash(), leaf.leafIndex(), treeSize,
                hex(MerkleProofs.inclusionProof(new TiledTree(log), leaf.leafIndex(), treeSize)));
    }

    record ConsistencyProof(long from, long to, List<String> proof) {
    }

    @Operation(summary = "Proof that the tree of size 'to' extends the tree of size 'from' without changing it")
    @GetMapping("/api/v1/audit/proofs/consistency")
    ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        requireSize(to, Math.max(from, 1));
        if (from < 1) {
            throw LedgerRejection.malformed("from", "from must be at least 1");
        }
        return new ConsistencyProof(from, to, hex(MerkleProofs.consistencyProof(new TiledTree(log), from, to)));
    }

    private void requireSize(long treeSize, long atLeast) {
        long size = log.size();
        if (treeSize < atLeast || treeSize > size) {
            throw LedgerRejection.malformed("treeSize", "tree size must be between %d and the log's size %d"
                    .formatted(atLeast, size));
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
    }
}
