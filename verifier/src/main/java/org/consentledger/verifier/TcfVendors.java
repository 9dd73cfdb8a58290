package org.consentledger.verifier;

import org.consentledger.api.signals.TcfConsent;

/**
 * Whether a TC string lets a vendor process personal data for a purpose, by the rules of the IAB TCF v2.2: the
 * publisher's restriction for that purpose and vendor first (not allowed, or only one legal basis), then consent (the
 * purpose and the vendor both consented to), then legitimate interest (the purpose and the vendor both established,
 * never for purpose 1, storing or accessing information on a device).
 */
public final class TcfVendors {

    public static final String CONSENT = "consent";
    public static final String LEGITIMATE_INTEREST = "legitimate-interest";

    private TcfVendors() {
    }

    /**
     * @param basis  {@value #CONSENT} or {@value #LEGITIMATE_INTEREST} when allowed, else null
     * @param reason in plain words, why
     */
    public record Verdict(boolean allowed, String basis, String reason) {
    }

    /** @param tcf the TC string in force; null when none was recorded */
    public static Verdict check(TcfConsent tcf, int vendorId, int purposeId) {
        if (tcf == null) {
            return new Verdict(false, null, "no TC string was recorded for the visitor by then");
        }
        String restriction = tcf.publisherRestrictions().stream()
                .filter(r -> r.purposeId() == purposeId && r.vendorIds().contains(vendorId))
                .map(TcfConsent.PublisherRestriction::restrictionType).findFirst().orElse(null);
        if ("not-allowed".equals(restriction)) {
            return new Verdict(false, null, "the publisher does not allow purpose %d for vendor %d"
                    .formatted(purposeId, vendorId));
        }
        boolean consentAllowed = !"require-legitimate-interest".equals(restriction);
        boolean interestAllowed = !"require-consent".equals(restriction) && purposeId != 1;
        boolean purposeConsented = tcf.purposeConsents().contains(purposeId);
        boolean vendorConsented = tcf.vendorConsents().contains(vendorId);
        if (consentAllowed && purposeConsented && vendorConsented) {
            return new Verdict(true, CONSENT, "purpose %d and vendor %d have the visitor's consent"
                    .formatted(purposeId, vendorId));
        }
        if (interestAllowed && tcf.purposeLegitimateInterests().contains(purposeId)
                && tcf.vendorLegitimateInterests().contains(vendorId)) {
            return new Verdict(true, LEGITIMATE_INTEREST, ("purpose %d and vendor %d rest on legitimate interest, "
                    + "which the visitor did not object to").formatted(purposeId, vendorId));
        }
        if (!consentAllowed) {
            return new Verdict(false, null, ("the publisher requires legitimate interest for purpose %d of vendor %d, "
                    + "and the string establishes none").formatted(purposeId, vendorId));
        }
        return new Verdict(false, null, !purposeConsented ? "purpose %d has no consent%s".formatted(purposeId,
                interestAllowed ? " and no legitimate interest for vendor " + vendorId : "")
                : "vendor %d has no consent for purpose %d%s".formatted(vendorId, purposeId,
                interestAllowed ? " and no legitimate interest" : ""));
    }
}
