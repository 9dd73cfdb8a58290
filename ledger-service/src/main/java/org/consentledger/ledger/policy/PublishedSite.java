package org.consentledger.ledger.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.NoticeReceipt;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.ledger.write.SiteState;

/**
 * What a site published, as decisions read it: its policy versions and its notices, each with the receipt it was
 * answered with (a version or notice published again with the same content is answered with it).
 *
 * @param notices by notice id, each with its receipt
 */
public record PublishedSite(PolicyVersions versions, Map<Integer, PolicyReceipt> receipts,
                            Map<String, Notice> notices) implements SiteState {

    public PublishedSite {
        receipts = Map.copyOf(receipts);
        notices = Map.copyOf(notices);
    }

    /** A published notice and the receipt its publication was answered with. */
    public record Notice(NoticePublished published, NoticeReceipt receipt) {
    }

    static PublishedSite none(String siteId) {
        return new PublishedSite(new PolicyVersions(siteId, List.of()), Map.of(), Map.of());
    }

    /** What the ledger answers for a published version. */
    public static PolicyReceipt receipt(String eventId, CookiePolicyPublished event) {
        CookiePolicy policy = event.policy();
        return new PolicyReceipt(eventId, event.siteId(), policy.version(), policy.effectiveFrom(),
                policy.consentMaxAge(), event.recordedAt(), false);
    }

    /** What the ledger answers for a published notice. */
    public static NoticeReceipt receipt(String eventId, NoticePublished event) {
        return new NoticeReceipt(eventId, event.siteId(), event.noticeId(), event.digest(),
                event.notice().policyVersion(), event.recordedAt(), false);
    }

    public Optional<Notice> notice(String noticeId) {
        return Optional.ofNullable(notices.get(noticeId));
    }

    @Override
    public PublishedSite recorded(Object event, String eventId) {
        if (event instanceof NoticePublished notice) {
            Map<String, Notice> next = new HashMap<>(notices);
            next.put(notice.noticeId(), new Notice(notice, receipt(eventId, notice)));
            return new PublishedSite(versions, receipts, next);
        }
        if (!(event instanceof CookiePolicyPublished published)) {
            return this;
        }
        List<CookiePolicy> next = new ArrayList<>(versions.versions());
        next.add(published.policy());
        Map<Integer, PolicyReceipt> answered = new HashMap<>(receipts);
        answered.put(published.version(), receipt(eventId, published));
        return new PublishedSite(new PolicyVersions(versions.siteId(), next), answered, notices);
    }
}
