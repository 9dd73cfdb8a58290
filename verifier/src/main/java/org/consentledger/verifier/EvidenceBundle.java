package org.consentledger.verifier;

import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
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
 *                       stored, with its hash, its link to the event before it and its place in the log (in
 *                       format 1 with its own inclusion proof; in format 3 each in its event format)
 * @param checkpoint     the signed checkpoint every proof leads to
 * @param logProof       formats 2 and 3: one proof that every event is in the log at its place
 *                       ({@link MultiInclusionProof})
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
        List<String> logProof,
        String signature) {

    /** The format the ledger issues: one proof for all the events of the bundle. */
    public static final String VERSION = "consent-ledger-evidence/2";
    /** The first format, where each event carries its own inclusion proof; its bundles keep verifying. */
    public static final String VERSION_1 = "consent-ledger-evidence/1";
    /** As format 2, each event stating its event format (1 or 2), so that personal parts can be erased. */
    public static final String VERSION_3 = "consent-ledger-evidence/3";

    /**
     * One stored event, as it is hashed and logged; {@code inclusionProof} only in format 1. In format 3,
     * {@code format} says how it is hashed: 1 with {@code payload} (the JSON string {@code "erased"} once its visitor
     * was erased), 2 with {@code publicPart}, {@code commitment} and {@code personal} ({@code {"salt", "fields"}},
     * the JSON string {@code "erased"}, or null when there is no personal part). Members that are null are not
     * written, so the JSON of format 1 and 2 bundles is what it was.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LoggedEvent(String eventId, String type, String stream, long sequence, JsonNode payload,
                              String previousHash, String hash, long leafIndex, List<String> inclusionProof,
                              Integer format, @JsonProperty("public") JsonNode publicPart, String commitment,
                              JsonNode personal) {

        /** An event of format 1 as bundles of format 1 and 2 hold it. */
        public LoggedEvent(String eventId, String type, String stream, long sequence, JsonNode payload,
                           String previousHash, String hash, long leafIndex, List<String> inclusionProof) {
            this(eventId, type, stream, sequence, payload, previousHash, hash, leafIndex, inclusionProof, null, null,
                    null, null);
        }
    }
}
