package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.Recorded;
import org.consentledger.api.SealedPart;
import org.consentledger.api.signals.GpcSignal;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;

/**
 * A visitor granted and denied categories of one policy version (evidence format 2): the choice is public, who chose
 * and what the client saw of them is the personal part ({@link ConsentGivenPersonal}).
 *
 * @param context how and where the visitor chose (the notice shown, the method, ...); null when the client did not say
 * @param tcf     what the TC string sent with the consent says (the string itself is personal); null without one
 * @param gpp     what the GPP string sent with the consent says (the string itself is personal); null without one
 * @param gpc     the Global Privacy Control signal sent with the consent and what it denied; null without it
 * @param browser the page origin the consent came from, when a browser sent it to the public collection endpoint
 */
public record ConsentGiven(
        String siteId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> granted,
        List<String> denied,
        String source,
        DecisionContext context,
        TcfConsent tcf,
        GppConsent gpp,
        GpcSignal gpc,
        BrowserSubmission browser,
        SealedPart personal) implements Recorded, PersonalEvent<ConsentGiven, ConsentGivenPersonal> {

    /** A consent recorded without its decision's context or signals. */
    public ConsentGiven(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt, List<String> granted,
                        List<String> denied, String source, SealedPart personal) {
        this(siteId, policyVersion, occurredAt, recordedAt, granted, denied, source, null, null, null, null, null,
                personal);
    }

    @Override
    public ConsentGiven sealedAs(SealedPart personal) {
        return new ConsentGiven(siteId, policyVersion, occurredAt, recordedAt, granted, denied, source, context, tcf,
                gpp, gpc, browser, personal);
    }

    @Override
    public Class<ConsentGivenPersonal> personalType() {
        return ConsentGivenPersonal.class;
    }
}
