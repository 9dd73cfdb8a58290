package org.consentledger.api.signals;

import java.util.List;

/**
 * The {@code usnat} section of a GPP string, field by field as the GPP specification names them. Notices and
 * opt-outs are 0 (not applicable), 1 (yes: given, opted out) or 2 (no); see the IAB's US national privacy
 * technical specification for each.
 *
 * @param gpc the Global Privacy Control signal, when the string's GPC segment holds it; else null
 */
public record UsNatConsent(
        int version,
        Integer sharingNotice,
        Integer saleOptOutNotice,
        Integer sharingOptOutNotice,
        Integer targetedAdvertisingOptOutNotice,
        Integer sensitiveDataProcessingOptOutNotice,
        Integer sensitiveDataLimitUseNotice,
        Integer saleOptOut,
        Integer sharingOptOut,
        Integer targetedAdvertisingOptOut,
        List<Integer> sensitiveDataProcessing,
        List<Integer> knownChildSensitiveDataConsents,
        Integer personalDataConsents,
        Integer mspaCoveredTransaction,
        Integer mspaOptOutOptionMode,
        Integer mspaServiceProviderMode,
        Boolean gpc) {

    public UsNatConsent {
        sensitiveDataProcessing = List.copyOf(sensitiveDataProcessing);
        knownChildSensitiveDataConsents = List.copyOf(knownChildSensitiveDataConsents);
    }
}
