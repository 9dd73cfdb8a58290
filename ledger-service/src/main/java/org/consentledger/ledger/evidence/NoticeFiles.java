package org.consentledger.ledger.evidence;

import java.util.Optional;
import org.consentledger.api.EventType;
import org.consentledger.ledger.evidence.StoredEvents.Stored;
import org.consentledger.store.notices.NoticeAttachmentTable;
import org.consentledger.verifier.EventHash;
import org.consentledger.verifier.NoticeDigest;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * What the audit checks of a notice beyond its event's hash: that its digest is its content's, and that every file it
 * lists is still kept, with the bytes its SHA-256 names. The files sit beside the events, where no hash chain covers
 * them, so only this check finds one removed or changed.
 */
@Component
class NoticeFiles {

    private final NoticeAttachmentTable attachments;

    NoticeFiles(NoticeAttachmentTable attachments) {
        this.attachments = attachments;
    }

    /** @return what does not hold, or empty for an event that is no notice or a notice that holds */
    Optional<String> problemOf(Stored event) {
        if (!EventType.NOTICE_PUBLISHED.stableName().equals(event.type())) {
            return Optional.empty();
        }
        JsonNode notice = event.payload().path("notice");
        String digest = event.payload().path("digest").asString("");
        if (!notice.isObject() || !NoticeDigest.of(notice).equals(digest)) {
            return Optional.of("the notice's content does not have the digest %s its event states".formatted(digest));
        }
        String siteId = notice.path("siteId").asString();
        for (JsonNode file : notice.path("attachments")) {
            String sha256 = file.path("sha256").asString();
            Optional<NoticeAttachmentTable.Content> stored = attachments.find(siteId, sha256);
            if (stored.isEmpty()) {
                return Optional.of("the notice's file %s (%s) is no longer kept".formatted(sha256,
                        file.path("name").asString()));
            }
            if (!EventHash.sha256Hex(stored.get().bytes()).equals(sha256)) {
                return Optional.of("the notice's file %s (%s) was changed: its bytes now have the SHA-256 %s"
                        .formatted(sha256, file.path("name").asString(), EventHash.sha256Hex(stored.get().bytes())));
            }
        }
        return Optional.empty();
    }
}
