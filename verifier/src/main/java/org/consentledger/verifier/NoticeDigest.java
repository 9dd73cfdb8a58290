package org.consentledger.verifier;

import tools.jackson.databind.JsonNode;

/**
 * What names a notice's content (docs/evidence-format.md §14.5): lower-case hex SHA-256 of the notice's canonical form
 * (RFC 8785, {@link CanonicalJson}), the {@code notice} member of its {@code notice.published} event as stored. The
 * notice lists each attachment with the SHA-256 of its bytes, so the digest covers the attachments too.
 */
public final class NoticeDigest {

    private NoticeDigest() {
    }

    public static String of(JsonNode notice) {
        return EventHash.sha256Hex(CanonicalJson.canonicalize(notice));
    }
}
