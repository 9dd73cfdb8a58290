package org.consentledger.api.signals;

import java.time.Instant;
import java.util.List;

/**
 * The TCF state of a visitor at {@code at} as the ledger knew it at {@code asOf}: what the TC string in force says, and
 * the consent that recorded it ({@code decidedBy}). With no string recorded by then, every list is empty and every
 * other member null. Id lists are sorted ascending.
 */
public record TcfAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        String decidedBy,
        String tcString,
        Instant created,
        Instant lastUpdated,
        Integer cmpId,
        Integer cmpVersion,
        String consentLanguage,
        Integer vendorListVersion,
        Integer policyVersion,
        List<Integer> purposeConsents,
        List<Integer> purposeLegitimateInterests,
        List<Integer> specialFeatureOptIns,
        List<Integer> vendorConsents,
        List<Integer> vendorLegitimateInterests,
        List<TcfConsent.PublisherRestriction> publisherRestrictions) {

    /** The answer for a visitor with no TC string recorded by {@code asOf} that occurred by {@code at}. */
    public static TcfAnswer none(String siteId, String visitorId, Instant at, Instant asOf) {
        return new TcfAnswer(siteId, visitorId, at, asOf, null, null, null, null, null, null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** @param tcString the string as sent, from the consent's personal part; null once its visitor was erased */
    public static TcfAnswer of(String siteId, String visitorId, Instant at, Instant asOf, String decidedBy,
                               String tcString, TcfConsent tcf) {
        return new TcfAnswer(siteId, visitorId, at, asOf, decidedBy, tcString, tcf.created(), tcf.lastUpdated(),
                tcf.cmpId(), tcf.cmpVersion(), tcf.consentLanguage(), tcf.vendorListVersion(), tcf.policyVersion(),
                tcf.purposeConsents(), tcf.purposeLegitimateInterests(), tcf.specialFeatureOptIns(),
                tcf.vendorConsents(), tcf.vendorLegitimateInterests(), tcf.publisherRestrictions());
    }
}
