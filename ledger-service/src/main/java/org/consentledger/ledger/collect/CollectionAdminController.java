package org.consentledger.ledger.collect;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.web.Ids;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Letting a site's visitors' browsers record their decisions: its publishable key and page origins (admin role). */
@RestController
@Tag(name = "admin")
@RequestMapping("/api/v1/admin/sites/{siteId}/collection")
class CollectionAdminController {

    private final CollectionSites sites;
    private final PublishedPolicies published;

    CollectionAdminController(CollectionSites sites, PublishedPolicies published) {
        this.sites = sites;
        this.published = published;
    }

    /** @param allowedOrigins the origins the site's pages are served from, such as {@code https://shop.example} */
    record CollectionRequest(@NotNull List<String> allowedOrigins) {
    }

    @Operation(summary = "Allow browsers on these origins to record the site's visitors' decisions; the site gets its "
            + "publishable key the first time, and keeps it after")
    @PutMapping
    CollectionSite configure(@PathVariable String siteId, @RequestBody CollectionRequest body) {
        return sites.allowOrigins(knownSite(siteId), body.allowedOrigins());
    }

    @Operation(summary = "The site's publishable key and allowed origins")
    @GetMapping
    CollectionSite settings(@PathVariable String siteId) {
        return sites.find(knownSite(siteId)).orElseThrow(() -> notConfigured(siteId));
    }

    @Operation(summary = "Give the site a new publishable key; browsers sending the old one are refused from now on")
    @PostMapping("/key")
    CollectionSite rotateKey(@PathVariable String siteId) {
        return sites.rotateKey(knownSite(siteId)).orElseThrow(() -> notConfigured(siteId));
    }

    private String knownSite(String siteId) {
        Ids.site(siteId);
        if (!published.hasSite(siteId)) {
            throw LedgerRejection.unknownSite(siteId);
        }
        return siteId;
    }

    private static LedgerRejection notConfigured(String siteId) {
        return LedgerRejection.notFound("siteId", "site '%s' does not collect from browsers yet: PUT its allowed "
                .formatted(siteId) + "origins first");
    }
}
