package org.consentledger.api.notice;

import java.time.Instant;

/**
 * What the ledger answers to publishing a notice. Publishing the same content under the same id again gets the
 * original receipt back, with {@code replayed} set.
 */
public record NoticeReceipt(
        String eventId,
        String siteId,
        String noticeId,
        String digest,
        int policyVersion,
        Instant recordedAt,
        boolean replayed) {

    public NoticeReceipt asReplay() {
        return new NoticeReceipt(eventId, siteId, noticeId, digest, policyVersion, recordedAt, true);
    }
}
