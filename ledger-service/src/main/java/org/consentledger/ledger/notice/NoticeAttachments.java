package org.consentledger.ledger.notice;

import java.util.List;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.ledger.write.AppendEffect;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.consentledger.store.notices.NoticeAttachmentTable;

/**
 * Keeps the bytes of a notice's attachments in the transaction that stores the notice: a refused or rolled-back
 * notice leaves no file behind, and a stored notice never lacks one.
 */
class NoticeAttachments implements AppendEffect {

    private final NoticeAttachmentTable table;

    NoticeAttachments(NoticeAttachmentTable table) {
        this.table = table;
    }

    @Override
    public void staged(List<NewEvent> events) {
        for (NewEvent event : events) {
            if (event.payload() instanceof NoticePublished notice && event.command() instanceof PublishNotice sent) {
                for (PublishNotice.AttachmentContent content : sent.contents()) {
                    table.store(notice.siteId(), content.sha256(), content.mediaType(), content.bytes());
                }
            }
        }
    }
}
