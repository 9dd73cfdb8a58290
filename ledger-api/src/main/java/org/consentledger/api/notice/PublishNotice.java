package org.consentledger.api.notice;

import java.util.Arrays;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Publish a notice, with the bytes of its attachments, which the ledger keeps beside the event that names them.
 *
 * @param contents one per attachment of the notice, with the bytes its {@code sha256} was computed over
 */
public record PublishNotice(Notice notice, List<AttachmentContent> contents) {

    public PublishNotice {
        contents = List.copyOf(contents);
    }

    @TargetAggregateIdentifier
    public String siteId() {
        return notice.siteId();
    }

    /** An attachment's bytes. */
    public record AttachmentContent(String sha256, String mediaType, byte[] bytes) {

        @Override
        public boolean equals(Object other) {
            return other instanceof AttachmentContent that && sha256.equals(that.sha256)
                    && mediaType.equals(that.mediaType) && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return sha256.hashCode();
        }

        @Override
        public String toString() {
            return "AttachmentContent[sha256=" + sha256 + ", " + bytes.length + " bytes]";
        }
    }
}
