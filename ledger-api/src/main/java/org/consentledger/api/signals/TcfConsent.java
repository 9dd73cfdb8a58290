package org.consentledger.api.signals;

import java.time.Instant;
import java.util.List;

/**
 * What an IAB TCF v2 TC string says, as the IAB Tech Lab's decoder reads it: public, so that the consent's signal can
 * be answered and counted after its visitor is erased (the string itself is kept in the sealed personal part). Id
 * lists are sorted ascending.
 *
 * @param created      when the CMP first recorded the choice (decisecond precision)
 * @param lastUpdated  when the CMP last changed it
 * @param policyVersion the TCF policy version the string was made under (4 for TCF v2.2)
 */
public record TcfConsent(
        Instant created,
        Instant lastUpdated,
        int cmpId,
        int cmpVersion,
        int consentScreen,
        String consentLanguage,
        int vendorListVersion,
        int policyVersion,
        List<Integer> purposeConsents,
        List<Integer> purposeLegitimateInterests,
        List<Integer> specialFeatureOptIns,
        List<Integer> vendorConsents,
        List<Integer> vendorLegitimateInterests,
        List<PublisherRestriction> publisherRestrictions) {

    public TcfConsent {
        purposeConsents = List.copyOf(purposeConsents);
        purposeLegitimateInterests = List.copyOf(purposeLegitimateInterests);
        specialFeatureOptIns = List.copyOf(specialFeatureOptIns);
        vendorConsents = List.copyOf(vendorConsents);
        vendorLegitimateInterests = List.copyOf(vendorLegitimateInterests);
        publisherRestrictions = List.copyOf(publisherRestrictions);
    }

    /**
     * A publisher's restriction of a purpose for some vendors.
     *
     * @param restrictionType {@code not-allowed}, {@code require-consent} or {@code require-legitimate-interest}
     */
    public record PublisherRestriction(int purposeId, String restrictionType, List<Integer> vendorIds) {

        public PublisherRestriction {
            vendorIds = List.copyOf(vendorIds);
        }
    }
}
