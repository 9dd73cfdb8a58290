package org.consentledger.ledger.demo;

import java.util.List;
import java.util.TreeMap;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticeCategory;
import org.consentledger.api.notice.NoticeText;
import org.consentledger.api.policy.CookiePolicy;

/**
 * The notice the demo banner shows, made from a policy version: its title, text, buttons and the categories that
 * need consent. The page draws itself from the published notice, so what it shows is what the ledger holds.
 */
final class DemoNotices {

    /** One notice a policy version: a notice presents one version, and its content never changes once published. */
    static String noticeId(int policyVersion) {
        return "demo-banner-v" + policyVersion;
    }
    static final String LANGUAGE = "en";
    static final List<String> BUTTONS = List.of("accept-all", "reject-all", "customize", "save");

    private DemoNotices() {
    }

    static Notice of(CookiePolicy policy) {
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put("accept-all", "Accept all");
        labels.put("reject-all", "Reject all");
        labels.put("customize", "Choose");
        labels.put("save", "Save my choices");
        List<NoticeCategory> categories = policy.categories().stream().filter(c -> c.consentRequired())
                .map(c -> new NoticeCategory(c.id(), c.name(), c.description())).toList();
        NoticeText text = new NoticeText("Cookies on " + policy.siteId(),
                "We use cookies to measure the audience and to show you content from other sites. You can accept "
                        + "them all, refuse them all, or choose category by category; you can change your mind at "
                        + "any time.", labels, categories, List.of());
        TreeMap<String, NoticeText> texts = new TreeMap<>();
        texts.put(LANGUAGE, text);
        return new Notice(policy.siteId(), noticeId(policy.version()), policy.version(), BUTTONS, texts, List.of());
    }
}
