package org.consentledger.api.notice;

import java.time.Instant;
import org.consentledger.api.Recorded;

/**
 * A notice became part of the ledger at {@code recordedAt}.
 *
 * @param digest lower-case hex SHA-256 of the notice's canonical form (RFC 8785), which names its content
 */
public record NoticePublished(Notice notice, String digest, Instant recordedAt) implements Recorded {

    public String siteId() {
        return notice.siteId();
    }

    public String noticeId() {
        return notice.noticeId();
    }
}
