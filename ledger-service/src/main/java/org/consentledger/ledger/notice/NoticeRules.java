package org.consentledger.ledger.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticeAttachment;
import org.consentledger.api.notice.NoticeCategory;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.NoticeReceipt;
import org.consentledger.api.notice.NoticeText;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerTime;
import org.consentledger.ledger.policy.PublishedSite;

/**
 * What makes a notice publishable: it presents a published policy version, labels exactly the buttons it offers in
 * every language, lists only categories of that version, and its attachments are what they claim to be. A notice is
 * named by its content's digest, so the same content under the same id is a replay and other content a conflict.
 */
public class NoticeRules {

    /** The choices a notice may offer. */
    public static final List<String> BUTTONS = List.of("accept-all", "reject-all", "customize", "save", "close");
    static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,6}");
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
    static final int MAX_ATTACHMENTS = 8;
    static final int MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final Clock clock;
    private final Function<Notice, String> digestOf;

    /** @param digestOf the SHA-256 of a notice's canonical form (the verifier's {@code NoticeDigest}) */
    public NoticeRules(Clock clock, Function<Notice, String> digestOf) {
        this.clock = clock;
        this.digestOf = digestOf;
    }

    public Decided<NoticePublished, NoticeReceipt> publish(PublishNotice command, PublishedSite site) {
        Notice notice = complete(command, site);
        String digest = digestOf.apply(notice);
        Optional<PublishedSite.Notice> published = site.notice(notice.noticeId());
        if (published.isPresent()) {
            if (published.get().published().digest().equals(digest)) {
                return new Decided.Replay<>(published.get().receipt().asReplay());
            }
            throw LedgerRejection.conflict("noticeId", ("notice '%s' of site '%s' is already published with other "
                    + "content (digest %s); publish the new content under a new notice id")
                    .formatted(notice.noticeId(), notice.siteId(), published.get().published().digest()));
        }
        return new Decided.Record<>(new NoticePublished(notice, digest, LedgerTime.now(clock)));
    }

    /** Checks a submitted notice against the site, giving exactly what will be published (language tags normalised). */
    Notice complete(PublishNotice command, PublishedSite site) {
        Notice notice = command.notice();
        if (!NOTICE_ID.matcher(notice.noticeId()).matches()) {
            throw LedgerRejection.malformed("noticeId",
                    "a notice id is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (!site.versions().exists()) {
            throw LedgerRejection.unknownSite(notice.siteId());
        }
        CookiePolicy policy = site.versions().version(notice.policyVersion()).orElseThrow(() ->
                LedgerRejection.invalid("policyVersion", "site '%s' has no policy version %d to present"
                        .formatted(notice.siteId(), notice.policyVersion())));
        checkButtons(notice.buttons());
        if (notice.texts().isEmpty()) {
            throw LedgerRejection.invalid("texts", "a notice has its texts in at least one language");
        }
        Map<String, NoticeText> texts = new TreeMap<>();
        notice.texts().forEach((language, text) -> {
            String tag = languageTag(language);
            checkText("texts." + language, text, notice, policy);
            if (texts.put(tag, text) != null) {
                throw LedgerRejection.invalid("texts." + language, "language '%s' is given twice (as %s)"
                        .formatted(tag, language));
            }
        });
        checkAttachments(notice.attachments(), command.contents());
        return new Notice(notice.siteId(), notice.noticeId(), notice.policyVersion(), notice.buttons(),
                new TreeMap<>(texts), notice.attachments());
    }

    /** A BCP 47 tag in its normal form ({@code en-us} is {@code en-US}). */
    public static String languageTag(String language) {
        String tag = LANGUAGE.matcher(language).matches() ? Locale.forLanguageTag(language).toLanguageTag() : "und";
        if (tag.equals("und")) {
            throw LedgerRejection.invalid("texts." + language,
                    "'%s' is not a language tag (BCP 47), such as en or fr-CA".formatted(language));
        }
        return tag;
    }

    private static void checkButtons(List<String> buttons) {
        if (buttons.isEmpty()) {
            throw LedgerRejection.invalid("buttons", "a notice offers at least one button");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < buttons.size(); i++) {
            String button = buttons.get(i);
            if (!BUTTONS.contains(button)) {
                throw LedgerRejection.invalid("buttons[" + i + "]", "'%s' is not a button a notice offers (%s)"
                        .formatted(button, String.join(", ", BUTTONS)));
            }
            if (!seen.add(button)) {
                throw LedgerRejection.invalid("buttons[" + i + "]", "button '%s' is listed twice".formatted(button));
            }
        }
    }

    private static void checkText(String field, NoticeText text, Notice notice, CookiePolicy policy) {
        for (String button : notice.buttons()) {
            if (!text.buttonLabels().containsKey(button)) {
                throw LedgerRejection.invalid(field + ".buttonLabels",
                        "gives no label for button '%s', which the notice offers".formatted(button));
            }
        }
        for (String labelled : text.buttonLabels().keySet()) {
            if (!notice.offers(labelled)) {
                throw LedgerRejection.invalid(field + ".buttonLabels",
                        "labels button '%s', which the notice does not offer".formatted(labelled));
            }
        }
        List<NoticeCategory> categories = text.categories();
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            String id = categories.get(i).id();
            if (policy.category(id).isEmpty()) {
                throw LedgerRejection.invalid(field + ".categories[" + i + "].id", ("'%s' is no category of policy "
                        + "version %d, which the notice presents").formatted(id, policy.version()));
            }
            if (!listed.add(id)) {
                throw LedgerRejection.invalid(field + ".categories[" + i + "].id",
                        "category '%s' is listed twice".formatted(id));
            }
        }
    }

    private static void checkAttachments(List<NoticeAttachment> attachments,
                                         List<PublishNotice.AttachmentContent> contents) {
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw LedgerRejection.invalid("attachments",
                    "a notice has at most %d attachments".formatted(MAX_ATTACHMENTS));
        }
        List<String> digests = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            NoticeAttachment attachment = attachments.get(i);
            String field = "attachments[" + i + "]";
            if (!MEDIA_TYPE.matcher(attachment.mediaType()).matches()) {
                throw LedgerRejection.invalid(field + ".mediaType",
                        "'%s' is not a media type in lower case, such as image/png".formatted(attachment.mediaType()));
            }
            PublishNotice.AttachmentContent content = contents.stream()
                    .filter(c -> c.sha256().equals(attachment.sha256())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no content sent for " + attachment));
            if (content.bytes().length == 0 || content.bytes().length > MAX_ATTACHMENT_BYTES) {
                throw LedgerRejection.invalid(field + ".content", "an attachment has 1 to %d bytes"
                        .formatted(MAX_ATTACHMENT_BYTES));
            }
            if (attachment.mediaType().equals("image/png") && !isPng(content.bytes())) {
                throw LedgerRejection.invalid(field + ".content", "is not a PNG image, which its media type says");
            }
            if (digests.contains(attachment.sha256())) {
                throw LedgerRejection.invalid(field + ".content", "the same file is attached twice");
            }
            digests.add(attachment.sha256());
        }
    }

    private static boolean isPng(byte[] bytes) {
        return bytes.length >= PNG_SIGNATURE.length
                && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
    }
}
