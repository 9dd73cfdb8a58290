package org.consentledger.ledger.policy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.CookiePolicyVersion;
import org.consentledger.api.policy.CookiePolicyVersions;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.web.Ids;
import org.consentledger.ledger.write.LedgerWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** Publishing (ingest role) and reading (audit role) a site's cookie policy versions. */
@RestController
@RequestMapping("/api/v1/sites/{siteId}/policies")
class PolicyController {

    private final LedgerWriter writer;
    private final QueryGateway queries;
    private final PublishedPolicies published;
    private final CookiePolicyTextImporter importer;
    private final PolicyRules rules;
    private final JsonMapper json;

    PolicyController(LedgerWriter writer, QueryGateway queries, PublishedPolicies published,
                     CookiePolicyTextImporter importer, PolicyRules rules, JsonMapper json) {
        this.writer = writer;
        this.queries = queries;
        this.published = published;
        this.importer = importer;
        this.rules = rules;
        this.json = json;
    }

    /** Bounds that every column and read model holding a policy can take; the document as a whole is bounded too. */
    record CategoryRequest(@NotBlank @Size(max = 64) String id, @NotBlank @Size(max = 200) String name,
                           @Size(max = 2_000) String description, @NotNull Boolean consentRequired) {
    }

    record CookieRequest(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String provider,
                         @Size(max = 2_000) String function, @Size(max = 2_000) String purpose,
                         @NotBlank @Size(max = 64) String category) {
    }

    /**
     * @param retention   how long after a visitor's last decision they are erased (ISO-8601 period, e.g. P5Y)
     * @param consentMode which category each Google Consent Mode v2 type follows, e.g. {"ad_storage": "third-party"}
     * @param gpcOptsOut  the categories the Global Privacy Control signal denies when the visitor did not choose them
     * @param refusalMaxAge how long a refusal is remembered before the visitor is asked again (ISO-8601, e.g. P182D)
     */
    record PolicyRequest(@NotNull Instant effectiveFrom, Duration consentMaxAge,
                         @NotEmpty @Size(max = 64) List<@Valid @NotNull CategoryRequest> categories,
                         @Size(max = 1_000) List<@Valid @NotNull CookieRequest> cookies,
                         @Size(max = MAX_TEXT) String text, Period retention,
                         @Size(max = 7) Map<String, @NotBlank @Size(max = 64) String> consentMode,
                         @Size(max = 64) List<@NotBlank @Size(max = 64) String> gpcOptsOut, Duration refusalMaxAge) {
    }

    /** A policy page's text, in characters. */
    static final int MAX_TEXT = 262_144;

    /**
     * The policy as JSON, in characters: the policy catalog keeps each version's document in a column of 1 MiB
     * characters, which this leaves room in for the event around it and for escapes written differently.
     */
    static final int MAX_DOCUMENT = 786_432;

    @Tag(name = "ingest")
    @Operation(summary = "Publish a policy version: 201 new, 200 identical replay, 409 changed")
    @ApiResponse(responseCode = "201", description = "Published", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true,
            description = "Recorded before under the same id with the same content: the original receipt, replayed")
    @PutMapping("/{version}")
    ResponseEntity<PolicyReceipt> publish(@PathVariable String siteId, @PathVariable int version,
                                          @Valid @RequestBody PolicyRequest body) {
        CookiePolicy policy = new CookiePolicy(Ids.site(siteId), version, body.effectiveFrom(), body.consentMaxAge(),
                body.categories().stream()
                        .map(c -> new CookieCategory(c.id(), c.name(), c.description(), c.consentRequired()))
                        .toList(),
                (body.cookies() == null ? List.<CookieRequest>of() : body.cookies()).stream()
                        .map(c -> new Cookie(c.name(), c.provider(), c.function(), c.purpose(), c.category()))
                        .toList(),
                body.text(), body.retention(), body.consentMode() == null ? null : new TreeMap<>(body.consentMode()),
                body.gpcOptsOut(), body.refusalMaxAge());
        return receipt(writer.record(new PublishCookiePolicy(fitsTheCatalog(policy)), PolicyReceipt.class));
    }

    @Tag(name = "ingest")
    @Operation(summary = "Import a cookie policy page (text with a tab-separated cookie table) as the next version")
    @ApiResponse(responseCode = "201", description = "Published as the next version", useReturnTypeSchema = true)
    @PostMapping(path = "/import", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<PolicyReceipt> importText(@PathVariable String siteId, @RequestBody String text,
                                             @RequestParam(required = false) Instant effectiveFrom,
                                             @RequestParam(required = false) Duration consentMaxAge) {
        int next = published.latest(Ids.site(siteId)).map(p -> p.version() + 1).orElse(1);
        try {
            CookiePolicy policy = importer.importText(siteId, next,
                    effectiveFrom == null ? rules.now() : effectiveFrom, consentMaxAge, text);
            return receipt(writer.record(new PublishCookiePolicy(fitsTheCatalog(policy)), PolicyReceipt.class));
        } catch (InvalidPolicyText e) {
            throw LedgerRejection.invalid(e.line() > 0 ? "text (line " + e.line() + ")" : "text", e.getMessage());
        }
    }

    @Tag(name = "audit")
    @Operation(summary = "Every published version of the site's policy, oldest first")
    @GetMapping
    PolicyVersions versions(@PathVariable String siteId) {
        List<CookiePolicyPublished> versions = queries.query(new CookiePolicyVersions(Ids.site(siteId)),
                ResponseTypes.multipleInstancesOf(CookiePolicyPublished.class)).join();
        if (versions.isEmpty()) {
            throw LedgerRejection.unknownSite(siteId);
        }
        return new PolicyVersions(siteId, versions.stream().map(v -> new PolicyVersions.Version(v.version(),
                v.policy().effectiveFrom(), v.policy().consentMaxAge(), v.recordedAt())).toList());
    }

    @Tag(name = "audit")
    @Operation(summary = "One policy version exactly as published")
    @GetMapping("/{version}")
    PolicyDocument version(@PathVariable String siteId, @PathVariable int version) {
        return queries.query(new CookiePolicyVersion(Ids.site(siteId), version),
                        ResponseTypes.optionalInstanceOf(CookiePolicyPublished.class)).join()
                .map(PolicyDocument::of)
                .orElseThrow(() -> new LedgerRejection(LedgerRejection.Kind.NOT_FOUND, "version",
                        "site '%s' has no policy version %d".formatted(siteId, version)));
    }

    private CookiePolicy fitsTheCatalog(CookiePolicy policy) {
        if (policy.text() != null && policy.text().length() > MAX_TEXT) {
            throw LedgerRejection.invalid("text", "a policy's text may have at most %d characters".formatted(MAX_TEXT));
        }
        int length = json.writeValueAsString(policy).length();
        if (length > MAX_DOCUMENT) {
            throw new LedgerRejection(LedgerRejection.Kind.TOO_LARGE, "body", ("this policy is %d characters as "
                    + "JSON; a policy may have at most %d").formatted(length, MAX_DOCUMENT));
        }
        return policy;
    }

    private static ResponseEntity<PolicyReceipt> receipt(PolicyReceipt receipt) {
        return ResponseEntity.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
    }

    record PolicyVersions(String siteId, List<Version> versions) {
        record Version(int version, Instant effectiveFrom, Duration consentMaxAge, Instant recordedAt) {
        }
    }

    record PolicyDocument(String siteId, int version, Instant effectiveFrom, Duration consentMaxAge,
                          List<CookieCategory> categories, List<Cookie> cookies, String text, Period retention,
                          Map<String, String> consentMode, List<String> gpcOptsOut, Duration refusalMaxAge,
                          Instant recordedAt) {
        static PolicyDocument of(CookiePolicyPublished published) {
            CookiePolicy p = published.policy();
            return new PolicyDocument(p.siteId(), p.version(), p.effectiveFrom(), p.consentMaxAge(), p.categories(),
                    p.cookies(), p.text(), p.retention(), p.consentMode(), p.gpcOptOuts(), p.refusalMaxAge(),
                    published.recordedAt());
        }
    }
}
