package org.consentledger.ledger.notice;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticeAttachment;
import org.consentledger.api.notice.NoticeCategory;
import org.consentledger.api.notice.NoticeReceipt;
import org.consentledger.api.notice.NoticeText;
import org.consentledger.api.notice.NoticeVendor;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.store.notices.NoticeAttachmentTable;
import org.consentledger.verifier.EventHash;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Publishing (ingest role) and reading (audit role) the notices a site showed its visitors, with their files. */
@RestController
@RequestMapping("/api/v1/sites/{siteId}/notices")
class NoticeController {

    /** A notice as JSON without its files' bytes, in characters: it is part of every evidence bundle of the site. */
    static final int MAX_DOCUMENT = 786_432;

    private final LedgerWriter writer;
    private final PublishedPolicies published;
    private final NoticeAttachmentTable attachments;
    private final JsonMapper json;

    NoticeController(LedgerWriter writer, PublishedPolicies published, NoticeAttachmentTable attachments,
                     JsonMapper json) {
        this.writer = writer;
        this.published = published;
        this.attachments = attachments;
        this.json = json;
    }

    record CategoryRequest(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 200) String name,
                           @Size(max = 2_000) String description) {
    }

    /** @param iabId the vendor's id in the IAB's Global Vendor List, if it has one */
    record VendorRequest(@NotBlank @Size(max = 200) String name, @Positive Integer iabId) {
    }

    record TextRequest(@NotBlank @Size(max = 1_000) String title, @NotBlank @Size(max = 100_000) String body,
                       @NotNull Map<String, @NotBlank @Size(max = 200) String> buttonLabels,
                       @Size(max = 64) List<@Valid @NotNull CategoryRequest> categories,
                       @Size(max = 2_000) List<@Valid @NotNull VendorRequest> vendors) {
    }

    /** @param content the file's bytes, base64 */
    record AttachmentRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 128) String mediaType,
                             @NotBlank String content) {
    }

    /**
     * @param buttons the choices the notice offered: {@code accept-all}, {@code reject-all}, {@code customize},
     *                {@code save}, {@code close}
     * @param texts   by language tag (BCP 47), what the notice said
     */
    record NoticeRequest(@NotNull @Positive Integer policyVersion,
                         @NotEmpty @Size(max = 5) List<@NotBlank String> buttons,
                         @NotEmpty @Size(max = 64) Map<String, @Valid @NotNull TextRequest> texts,
                         @Size(max = NoticeRules.MAX_ATTACHMENTS) List<@Valid @NotNull AttachmentRequest> attachments) {
    }

    @Tag(name = "ingest")
    @Operation(summary = "Publish a notice as shown to visitors: 201 new, 200 identical replay, 409 other content")
    @ApiResponse(responseCode = "201", description = "Published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Published before under the same id with the same content: the original receipt, replayed")
    @PutMapping("/{noticeId}")
    ResponseEntity<NoticeReceipt> publish(@PathVariable String siteId, @PathVariable String noticeId,
                                          @Valid @RequestBody NoticeRequest body) {
        List<NoticeAttachment> listed = new ArrayList<>();
        List<PublishNotice.AttachmentContent> contents = new ArrayList<>();
        List<AttachmentRequest> sent = body.attachments() == null ? List.of() : body.attachments();
        for (int i = 0; i < sent.size(); i++) {
            AttachmentRequest attachment = sent.get(i);
            byte[] bytes = decode(attachment.content(), "attachments[" + i + "].content");
            String sha256 = EventHash.sha256Hex(bytes);
            listed.add(new NoticeAttachment(attachment.name(), attachment.mediaType(), bytes.length, sha256));
            contents.add(new PublishNotice.AttachmentContent(sha256, attachment.mediaType(), bytes));
        }
        SortedMap<String, NoticeText> texts = new TreeMap<>();
        body.texts().forEach((language, text) -> texts.put(language, new NoticeText(text.title(), text.body(),
                new TreeMap<>(text.buttonLabels()),
                (text.categories() == null ? List.<CategoryRequest>of() : text.categories()).stream()
                        .map(c -> new NoticeCategory(c.id(), c.name(), c.description())).toList(),
                (text.vendors() == null ? List.<VendorRequest>of() : text.vendors()).stream()
                        .map(v -> new NoticeVendor(v.name(), v.iabId())).toList())));
        Notice notice = new Notice(Ids.site(siteId), noticeId, body.policyVersion(), body.buttons(), texts, listed);
        int length = json.writeValueAsString(notice).length();
        if (length > MAX_DOCUMENT) {
            throw new LedgerRejection(LedgerRejection.Kind.TOO_LARGE, "texts", ("this notice is %d characters as "
                    + "JSON without its files; a notice may have at most %d").formatted(length, MAX_DOCUMENT));
        }
        NoticeReceipt receipt = writer.record(new PublishNotice(notice, contents), NoticeReceipt.class);
        return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
    }

    @Tag(name = "audit")
    @Operation(summary = "The site's notices, oldest first")
    @GetMapping
    NoticeList notices(@PathVariable String siteId) {
        Ids.site(siteId);
        if (!published.hasSite(siteId)) {
            throw LedgerRejection.unknownSite(siteId);
        }
        return new NoticeList(siteId, published.noticesOf(siteId).values().stream()
                .map(n -> new NoticeList.Entry(n.published().noticeId(), n.published().digest(),
                        n.published().notice().policyVersion(), List.copyOf(n.published().notice().texts().keySet()),
                        n.receipt().eventId(), n.published().recordedAt()))
                .sorted(Comparator.comparing(NoticeList.Entry::recordedAt)).toList());
    }

    @Tag(name = "audit")
    @Operation(summary = "One notice exactly as published, with its digest and its files' digests")
    @GetMapping("/{noticeId}")
    NoticeDocument notice(@PathVariable String siteId, @PathVariable String noticeId) {
        return NoticeDocument.of(find(siteId, noticeId));
    }

    @Tag(name = "audit")
    @Operation(summary = "A file of a notice, byte for byte as published (its SHA-256 is in the notice)")
    @ApiResponse(responseCode = "200", description = "The file, with the media type it was published with",
            content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/{noticeId}/attachments/{sha256}")
    ResponseEntity<byte[]> attachment(@PathVariable String siteId, @PathVariable String noticeId,
                                      @PathVariable String sha256) {
        NoticeAttachment listed = find(siteId, noticeId).published().notice().attachment(sha256)
                .orElseThrow(() -> LedgerRejection.notFound("sha256",
                        "notice '%s' has no file with SHA-256 %s".formatted(noticeId, sha256)));
        NoticeAttachmentTable.Content content = attachments.find(siteId, listed.sha256())
                .orElseThrow(() -> new IllegalStateException("the file " + sha256 + " of notice " + noticeId
                        + " is missing from the ledger's tables"));
        if (!EventHash.sha256Hex(content.bytes()).equals(listed.sha256())) {
            throw new IllegalStateException("the stored file " + sha256 + " of notice " + noticeId
                    + " no longer has the digest its notice proves: it was altered behind the ledger's back");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(listed.mediaType()))
                .cacheControl(CacheControl.maxAge(365, TimeUnit.DAYS).cachePrivate().immutable())
                .eTag('"' + listed.sha256() + '"')
                .body(content.bytes());
    }

    private PublishedSite.Notice find(String siteId, String noticeId) {
        Ids.site(siteId);
        return published.notice(siteId, noticeId).orElseThrow(() -> LedgerRejection.notFound("noticeId",
                "site '%s' has no notice '%s'".formatted(siteId, noticeId)));
    }

    private static byte[] decode(String base64, String field) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw LedgerRejection.invalid(field, "is not base64: " + e.getMessage());
        }
    }

    record NoticeList(String siteId, List<Entry> notices) {
        record Entry(String noticeId, String digest, int policyVersion, List<String> languages, String eventId,
                     Instant recordedAt) {
        }
    }

    /** @param attachments each with the path it is served at */
    record NoticeDocument(String siteId, String noticeId, String digest, int policyVersion, List<String> buttons,
                          SortedMap<String, NoticeText> texts, List<Attachment> attachments, String eventId,
                          Instant recordedAt) {

        record Attachment(String name, String mediaType, long size, String sha256, String href) {
        }

        static NoticeDocument of(PublishedSite.Notice found) {
            Notice n = found.published().notice();
            String base = "/api/v1/sites/%s/notices/%s/attachments/".formatted(n.siteId(), n.noticeId());
            return new NoticeDocument(n.siteId(), n.noticeId(), found.published().digest(), n.policyVersion(),
                    n.buttons(), n.texts(), n.attachments().stream().map(a -> new Attachment(a.name(), a.mediaType(),
                    a.size(), a.sha256(), base + a.sha256())).toList(), found.receipt().eventId(),
                    found.published().recordedAt());
        }
    }
}
