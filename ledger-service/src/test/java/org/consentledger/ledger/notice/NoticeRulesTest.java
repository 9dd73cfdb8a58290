package org.consentledger.ledger.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticeAttachment;
import org.consentledger.api.notice.NoticeCategory;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.NoticeReceipt;
import org.consentledger.api.notice.NoticeText;
import org.consentledger.api.notice.NoticeVendor;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerRejection.Kind;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.policy.TestPolicies;
import org.consentledger.verifier.EventHash;
import org.consentledger.verifier.NoticeDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Publishing a notice as a plain function: the submitted notice and what the site published so far in. */
class NoticeRulesTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final CookiePolicy V1 = TestPolicies.version1(NOW.minus(Duration.ofDays(10)));
    static final PublishedSite SITE = new PublishedSite(new PolicyVersions(TestPolicies.SITE, List.of(V1)), Map.of(),
            Map.of());
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    static final JsonMapper JSON = JsonMapper.builder().build();

    final NoticeRules rules = new NoticeRules(Clock.fixed(NOW, ZoneOffset.UTC),
            notice -> NoticeDigest.of(JSON.valueToTree(notice)));

    @Test
    void aNoticeIsPublishedNamedByItsContentsDigest() {
        NoticePublished event = recorded(rules.publish(command(n -> n), SITE));

        assertThat(event.recordedAt()).isEqualTo(NOW);
        assertThat(event.digest()).isEqualTo(NoticeDigest.of(JSON.valueToTree(event.notice())));
        assertThat(event.notice().texts()).containsOnlyKeys("en", "fr-CA");
    }

    @Test
    void theSameContentAgainIsAnsweredWithItsReceiptAndOtherContentIsAConflict() {
        NoticePublished event = recorded(rules.publish(command(n -> n), SITE));
        PublishedSite published = SITE.recorded(event, "event-7");

        Decided<NoticePublished, NoticeReceipt> again = rules.publish(command(n -> n), published);
        assertThat(again).isEqualTo(new Decided.Replay<>(PublishedSite.receipt("event-7", event).asReplay()));
        LedgerRejection changed = catchThrowableOfType(LedgerRejection.class,
                () -> rules.publish(command(n -> withTitle(n, "Cookies?")), published));
        assertThat(changed.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(changed.field()).isEqualTo("noticeId");
        assertThat(changed.getMessage()).contains(event.digest());
    }

    @Test
    void theDigestChangesWithAnyWordOfTheNoticeAndWithItsFiles() {
        String digest = recorded(rules.publish(command(n -> n), SITE)).digest();
        byte[] otherPng = PNG.clone();
        otherPng[11] = 14;

        assertThat(recorded(rules.publish(command(n -> withTitle(n, "Cookies!")), SITE)).digest()).isNotEqualTo(digest);
        assertThat(recorded(rules.publish(command(n -> n, otherPng), SITE)).digest()).isNotEqualTo(digest);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("no such policy version", (UnaryOperator<Notice>) n -> new Notice(n.siteId(),
                        n.noticeId(), 2, n.buttons(), n.texts(), n.attachments()), Kind.INVALID, "policyVersion"),
                Arguments.of("a malformed id", (UnaryOperator<Notice>) n -> new Notice(n.siteId(), "-banner",
                        n.policyVersion(), n.buttons(), n.texts(), n.attachments()), Kind.MALFORMED, "noticeId"),
                Arguments.of("a button no notice has", withButtons("accept-all", "later"), Kind.INVALID, "buttons[1]"),
                Arguments.of("a button twice", withButtons("accept-all", "accept-all"), Kind.INVALID, "buttons[1]"),
                Arguments.of("no button", withButtons(), Kind.INVALID, "buttons"),
                Arguments.of("a button offered, not labelled", withButtons("accept-all", "reject-all", "save"),
                        Kind.INVALID, "texts.en.buttonLabels"),
                Arguments.of("a button labelled, not offered", withButtons("accept-all"), Kind.INVALID,
                        "texts.en.buttonLabels"),
                Arguments.of("a category the policy lacks", (UnaryOperator<Notice>) n -> withCategory(n, "marketing"),
                        Kind.INVALID, "texts.en.categories[1].id"),
                Arguments.of("a category twice", (UnaryOperator<Notice>) n -> withCategory(n, "statistics"),
                        Kind.INVALID, "texts.en.categories[1].id"),
                Arguments.of("no language", (UnaryOperator<Notice>) n -> new Notice(n.siteId(), n.noticeId(),
                        n.policyVersion(), n.buttons(), new TreeMap<>(), n.attachments()), Kind.INVALID, "texts"),
                Arguments.of("not a language tag", withLanguage("english"), Kind.INVALID, "texts.english"),
                Arguments.of("a language twice", withLanguage("EN"), Kind.INVALID, "texts.en"),
                Arguments.of("a media type not in lower case", withMediaType("Image/PNG"), Kind.INVALID,
                        "attachments[0].mediaType"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aNoticeThatDoesNotAddUpIsRefusedNamingTheField(String name, UnaryOperator<Notice> change, Kind kind,
                                                          String field) {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> rules.publish(command(change), SITE));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.kind()).isEqualTo(kind);
        assertThat(refused.field()).isEqualTo(field);
    }

    @Test
    void aFileThatIsNotWhatItsMediaTypeSaysIsRefused() {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> rules.publish(command(n -> n, "GIF89a".getBytes()), SITE));

        assertThat(refused.field()).isEqualTo("attachments[0].content");
    }

    @Test
    void aSiteWithoutPoliciesHasNoNotices() {
        PublishedSite none = new PublishedSite(new PolicyVersions(TestPolicies.SITE, List.of()), Map.of(), Map.of());

        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> rules.publish(command(n -> n), none));

        assertThat(refused.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(refused.field()).isEqualTo("siteId");
    }

    private static NoticePublished recorded(Decided<NoticePublished, NoticeReceipt> decided) {
        assertThat(decided).isInstanceOf(Decided.Record.class);
        return ((Decided.Record<NoticePublished, NoticeReceipt>) decided).event();
    }

    private static PublishNotice command(UnaryOperator<Notice> change) {
        return command(change, PNG);
    }

    /** A banner in English and Canadian French offering accept, reject and close, with a screenshot. */
    private static PublishNotice command(UnaryOperator<Notice> change, byte[] screenshot) {
        String sha256 = EventHash.sha256Hex(screenshot);
        Notice notice = change.apply(new Notice(TestPolicies.SITE, "banner-1", 1,
                List.of("accept-all", "reject-all", "close"),
                new TreeMap<>(Map.of(
                        "en", text("Your choices", List.of(new NoticeCategory("statistics", "Statistics", null))),
                        "fr-ca", text("Vos choix", List.of()))),
                List.of(new NoticeAttachment("banner.png", "image/png", screenshot.length, sha256))));
        return new PublishNotice(notice, List.of(new PublishNotice.AttachmentContent(sha256, "image/png", screenshot)));
    }

    private static NoticeText text(String title, List<NoticeCategory> categories) {
        return new NoticeText(title, "We use cookies.", new TreeMap<>(Map.of("accept-all", "Accept",
                "reject-all", "Reject", "close", "Close")), categories, List.of(new NoticeVendor("Matomo", null)));
    }

    private static Notice withTitle(Notice n, String title) {
        TreeMap<String, NoticeText> texts = new TreeMap<>(n.texts());
        NoticeText en = texts.get("en");
        texts.put("en", new NoticeText(title, en.body(), en.buttonLabels(), en.categories(), en.vendors()));
        return new Notice(n.siteId(), n.noticeId(), n.policyVersion(), n.buttons(), texts, n.attachments());
    }

    private static Notice withCategory(Notice n, String category) {
        TreeMap<String, NoticeText> texts = new TreeMap<>(n.texts());
        NoticeText en = texts.get("en");
        List<NoticeCategory> categories = new ArrayList<>(en.categories());
        categories.add(new NoticeCategory(category, category, null));
        texts.put("en", new NoticeText(en.title(), en.body(), en.buttonLabels(), categories, en.vendors()));
        return new Notice(n.siteId(), n.noticeId(), n.policyVersion(), n.buttons(), texts, n.attachments());
    }

    private static UnaryOperator<Notice> withButtons(String... buttons) {
        return n -> new Notice(n.siteId(), n.noticeId(), n.policyVersion(), List.of(buttons), n.texts(),
                n.attachments());
    }

    private static UnaryOperator<Notice> withLanguage(String language) {
        return n -> {
            TreeMap<String, NoticeText> texts = new TreeMap<>(n.texts());
            texts.put(language, texts.get("en"));
            return new Notice(n.siteId(), n.noticeId(), n.policyVersion(), n.buttons(), texts, n.attachments());
        };
    }

    private static UnaryOperator<Notice> withMediaType(String mediaType) {
        return n -> new Notice(n.siteId(), n.noticeId(), n.policyVersion(), n.buttons(), n.texts(),
                n.attachments().stream().map(a -> new NoticeAttachment(a.name(), mediaType, a.size(), a.sha256()))
                        .toList());
    }
}
