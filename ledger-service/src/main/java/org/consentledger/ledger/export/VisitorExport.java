package org.consentledger.ledger.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.ConsentAnswer;

/**
 * Everything the ledger holds on one visitor of one site, for the visitor's right of access (GDPR art. 15).
 *
 * @param consent        what the visitor allows now, as {@code GET .../consent} answers it
 * @param events         every event of the visitor, in ledger order, as the site export shows them: erased streams
 *                       first, their personal parts {@code "erased"}
 * @param policyVersions the policy versions those events and notices refer to
 * @param notices        the notices those events refer to
 * @param erasures       the visitor's erasures, oldest first
 */
record VisitorExport(String siteId, String visitorId, Instant exportedAt, ConsentAnswer consent,
                     List<Map<String, Object>> events, List<ExportedPolicyVersion> policyVersions,
                     List<ExportedNotice> notices, List<ExportedErasure> erasures) {

    /** @param hash the hash of the event that published it, which covers its content (evidence format §5) */
    record ExportedPolicyVersion(int version, Instant effectiveFrom, Instant recordedAt, String eventId, String hash) {
    }

    /** @param digest SHA-256 of the notice's canonical form, which names its content */
    record ExportedNotice(String noticeId, String digest, int policyVersion, Instant recordedAt, String eventId,
                          String hash) {
    }

    record ExportedErasure(String erasureId, String reason, Instant at) {
    }
}
