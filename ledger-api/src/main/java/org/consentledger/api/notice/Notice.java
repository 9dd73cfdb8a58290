package org.consentledger.api.notice;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consent notice (a banner or a preference centre) exactly as visitors were shown it: what it said in each language,
 * which buttons it offered, which policy version it presented, and the digests of its attachments (a screenshot, the
 * banner's script or configuration). Immutable once published, and named by the SHA-256 of its canonical form.
 *
 * @param buttons       the choices the notice offered ({@code accept-all}, {@code reject-all}, {@code customize},
 *                      {@code save}, {@code close})
 * @param texts         by language tag (BCP 47), what the notice said in that language
 * @param policyVersion the site's cookie policy version the notice presents
 */
public record Notice(
        String siteId,
        String noticeId,
        int policyVersion,
        List<String> buttons,
        SortedMap<String, NoticeText> texts,
        List<NoticeAttachment> attachments) {

    public Notice {
        buttons = List.copyOf(buttons);
        texts = Collections.unmodifiableSortedMap(new TreeMap<>(texts));
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean offers(String button) {
        return buttons.contains(button);
    }

    public Optional<NoticeAttachment> attachment(String sha256) {
        return attachments.stream().filter(a -> a.sha256().equals(sha256)).findFirst();
    }
}
