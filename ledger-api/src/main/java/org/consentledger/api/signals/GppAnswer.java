package org.consentledger.api.signals;

import java.time.Instant;
import java.util.List;

/**
 * The GPP string of a visitor in force at {@code at} as the ledger knew it at {@code asOf}, with what it says and the
 * consent that recorded it ({@code decidedBy}); with none recorded by then, every member but the question is null or
 * empty.
 */
public record GppAnswer(
        String siteId,
        String visitorId,
        Instant at,
        Instant asOf,
        String decidedBy,
        String gppString,
        List<Integer> sectionIds,
        TcfConsent tcfEuV2,
        UsNatConsent usNat) {

    public static GppAnswer none(String siteId, String visitorId, Instant at, Instant asOf) {
        return new GppAnswer(siteId, visitorId, at, asOf, null, null, List.of(), null, null);
    }

    /** @param gppString the string as sent, from the consent's personal part; null once its visitor was erased */
    public static GppAnswer of(String siteId, String visitorId, Instant at, Instant asOf, String decidedBy,
                               String gppString, GppConsent gpp) {
        return new GppAnswer(siteId, visitorId, at, asOf, decidedBy, gppString, gpp.sectionIds(), gpp.tcfEuV2(),
                gpp.usNat());
    }
}
