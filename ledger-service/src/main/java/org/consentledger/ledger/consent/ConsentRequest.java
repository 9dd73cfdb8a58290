package org.consentledger.ledger.consent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.GiveConsent;

/** A visitor's choice as a client sends it, to the single, batch or browser collection endpoint. */
public record ConsentRequest(
        @NotBlank @Size(min = 1, max = 128) String consentId,
        @NotNull @Positive Integer policyVersion,
        @NotNull Instant occurredAt,
        @NotNull @Size(max = 64) List<@NotBlank String> granted,
        @NotNull @Size(max = 64) List<@NotBlank String> denied,
        @Size(max = 128) String source,
        @Size(max = 32) Map<@NotBlank @Size(max = 64) String, @NotNull @Size(max = 1024) String> evidence,
        @Size(max = 64) String noticeId, @Size(max = 35) String language, @Size(max = 32) String method,
        @Size(max = 32) String surface, @Size(max = 32) String regulation, @Size(max = 2) String country,
        @Size(max = 6) String region, @Size(max = 1024) String pageUrl, @Size(max = 64) String ipAddress,
        @Size(max = 1024) String userAgent, @Size(min = 1, max = 16_384) String tcString,
        @Size(min = 1, max = 16_384) String gppString, Boolean gpc) {

    /** @param gpcHeader whether the request came with {@code Sec-GPC: 1}, as a browser sends it */
    GiveConsent command(String siteId, String visitorId, boolean gpcHeader) {
        return new GiveConsent(siteId, visitorId, consentId, policyVersion, occurredAt, List.copyOf(granted),
                List.copyOf(denied), source, PersonalFields.withEvidence(evidence, pageUrl, ipAddress, userAgent),
                context(), tcString, gppString, gpcHeader || Boolean.TRUE.equals(gpc), null);
    }

    /** The choice as the visitor's browser sent it itself, with what the ledger saw of the request. */
    GiveConsent command(String siteId, String visitorId, BrowserCapture browser) {
        PersonalFields.notClaimed(ipAddress, userAgent, evidence);
        return new GiveConsent(siteId, visitorId, consentId, policyVersion, occurredAt, List.copyOf(granted),
                List.copyOf(denied), source,
                PersonalFields.withEvidence(evidence, pageUrl, browser.ipAddress(), browser.userAgent()), context(),
                tcString, gppString, browser.gpc() || Boolean.TRUE.equals(gpc), browser.submission());
    }

    private DecisionContext context() {
        return new DecisionContext(noticeId, language, method, surface, regulation, country, region);
    }
}
