package org.consentledger.ledger.collect;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.ledger.signals.ConsentModeAnswers;
import org.consentledger.ledger.web.Ids;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a banner needs to know of its own visitor now, read with the site's publishable key: whether to show itself,
 * the status of each category and the Consent Mode states to set. Never the events, the evidence or anyone else: a
 * visitor id in a first-party cookie reads what that cookie's own banner wrote.
 */
@RestController
@Tag(name = "collect")
class BannerStateController {

    private final ConsentModeAnswers consentModes;
    private final Clock clock;

    BannerStateController(ConsentModeAnswers consentModes, Clock clock) {
        this.consentModes = consentModes;
        this.clock = clock;
    }

    /**
     * @param categories  each category of the policy in force, by id, with its status
     * @param consentMode Google Consent Mode v2 states, ready for {@code gtag('consent', 'update', ...)}; empty when
     *                    the policy version maps no category to a type
     */
    record BannerState(String siteId, String visitorId, Instant at, Integer policyVersion,
                       Map<String, ConsentStatus> categories, boolean mustAsk, List<String> askReasons,
                       Map<String, String> consentMode) {
    }

    @SecurityRequirements
    @Operation(summary = "The visitor's current choice as their banner needs it: category statuses, whether to ask "
            + "again and why, and the Consent Mode states; with the site's publishable key, from an allowed origin")
    @GetMapping("/api/v1/collect/{siteId}/visitors/{visitorId}")
    BannerState state(@PathVariable String siteId, @PathVariable String visitorId,
                      @Parameter(description = "the site's publishable key") @RequestParam(required = false) String key,
                      @Parameter(hidden = true) @RequestAttribute(CollectionGate.SITE) CollectionSite site) {
        site.requireKey(key);
        Instant now = clock.instant();
        ConsentModeAnswers.Answered answered = consentModes.at(
                new ConsentAt(site.siteId(), Ids.visitor(visitorId), now, now));
        ConsentAnswer answer = answered.answer();
        Map<String, ConsentStatus> categories = new LinkedHashMap<>();
        answer.categories().forEach(c -> categories.put(c.id(), c.status()));
        return new BannerState(site.siteId(), visitorId, now, answer.policyVersion(), categories,
                Boolean.TRUE.equals(answer.mustAsk()), answer.askReasons(), answered.consentMode().consent());
    }
}
