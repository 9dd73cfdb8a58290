package org.consentledger.ledger.consent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.BrowserSubmission;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.LedgerRejection;

/**
 * A withdrawal as a client sends it. Withdrawing everything must be said in so many words ({@code "all": true}): a
 * client that leaves out {@code categories}, or sends an empty list it meant to fill, must not revoke every consent
 * the visitor gave.
 */
public record WithdrawalRequest(
        @NotBlank @Size(min = 1, max = 128) String withdrawalId,
        @NotNull Instant occurredAt,
        @Size(max = 64) List<@NotBlank String> categories,
        Boolean all,
        @Size(max = 64) String noticeId, @Size(max = 35) String language, @Size(max = 32) String method,
        @Size(max = 32) String surface, @Size(max = 32) String regulation, @Size(max = 2) String country,
        @Size(max = 6) String region, @Size(max = 1024) String pageUrl, @Size(max = 64) String ipAddress,
        @Size(max = 1024) String userAgent) {

    WithdrawConsent command(String siteId, String visitorId) {
        return command(siteId, visitorId, PersonalFields.withEvidence(null, pageUrl, ipAddress, userAgent), null);
    }

    /** The withdrawal as the visitor's browser sent it itself, with what the ledger saw of the request. */
    WithdrawConsent command(String siteId, String visitorId, BrowserCapture browser) {
        PersonalFields.notClaimed(ipAddress, userAgent, null);
        return command(siteId, visitorId,
                PersonalFields.withEvidence(null, pageUrl, browser.ipAddress(), browser.userAgent()),
                browser.submission());
    }

    private WithdrawConsent command(String siteId, String visitorId, Map<String, String> evidence,
                                    BrowserSubmission browser) {
        boolean everything = Boolean.TRUE.equals(all);
        if (everything && categories != null) {
            throw LedgerRejection.malformed("all", "give either \"all\": true or 'categories', not both");
        }
        if (!everything && (categories == null || categories.isEmpty())) {
            throw LedgerRejection.malformed("categories", "categories must list the categories withdrawn; "
                    + "to withdraw every category that requires consent, send \"all\": true instead");
        }
        return new WithdrawConsent(siteId, visitorId, withdrawalId, occurredAt,
                everything ? List.of() : List.copyOf(categories), evidence,
                new DecisionContext(noticeId, language, method, surface, regulation, country, region), browser);
    }
}
