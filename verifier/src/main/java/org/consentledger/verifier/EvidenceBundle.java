package org.consentledger.verifier;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.consent.ConsentAnswer;
import tools.jackson.databind.JsonNode;

/**
 * Everything needed to check one point-in-time answer without trusting the ledger, in one JSON document. Field
 * names follow the Kantara consent receipt and ISO/IEC TS 27560 where they match ({@code receiptId},
 * {@code piiPrincipalId}, {@code piiController}). The format is specified, for other implementations, in
 * docs/evidence-format.md.
 *
 * @param receiptId      this bundle's id
 * @param piiController  the site the answer is about
 * @param piiPrincipalId the pseudonymous visitor id the site chose
 * @param events         the visitor's events and the site's policy versions recorded by {@code asOf}, each as
 *                       stored, with its hash, its link to the event before it and its inclusion proof
 * @param checkpoint     the signed checkpoint every proof leads to
 * @param signature      Ed25519 by the checkpoint's key over the RFC 8785 form of this bundle without
 *                       {@code signature}: any altered byte is noticed
 */
public record EvidenceBundle(
        String version,
        String receiptId,
        Instant issuedAt,
        String piiController,
        String piiPrincipalId,
        Instant at,
        Instant asOf,
        ConsentAnswer answer,
        List<LoggedEvent> events,
        SignedCheckpoint checkpoint,
        String signature) {

    public static final String VERSION = "consent-ledger-evidence/1";

    /** One stored event, as it is hashed and logged. */
    public record LoggedEvent(String eventId, String type, String stream, long sequence, JsonNode payload,
                              String previousHash, String hash, long leafIndex, List<String> inclusionProof) {
    }
}
