package org.consentledger.api.signals;

import java.util.List;

/**
 * What an IAB GPP string says, as the IAB Tech Lab's library reads it: public, like {@link TcfConsent} (the string
 * itself is kept in the sealed personal part).
 *
 * @param sectionIds the ids of the sections the string holds, as its header lists them
 * @param tcfEuV2    its {@code tcfeuv2} section (TCF v2 for the EU), null without one; publisher restrictions as in
 *                   a TC string
 * @param usNat      its {@code usnat} section (US national privacy), null without one
 */
public record GppConsent(List<Integer> sectionIds, TcfConsent tcfEuV2, UsNatConsent usNat) {

    public GppConsent {
        sectionIds = List.copyOf(sectionIds);
    }
}
