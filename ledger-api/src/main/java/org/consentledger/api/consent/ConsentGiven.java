package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.Recorded;
import org.consentledger.api.SealedPart;

/**
 * A visitor granted and denied categories of one policy version (evidence format 2): the choice is public, who chose
 * and what the client saw of them is the personal part ({@link ConsentGivenPersonal}).
 */
public record ConsentGiven(
        String siteId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> granted,
        List<String> denied,
        String source,
        SealedPart personal) implements Recorded, PersonalEvent<ConsentGiven, ConsentGivenPersonal> {

    @Override
    public ConsentGiven sealedAs(SealedPart personal) {
        return new ConsentGiven(siteId, policyVersion, occurredAt, recordedAt, granted, denied, source, personal);
    }

    @Override
    public Class<ConsentGivenPersonal> personalType() {
        return ConsentGivenPersonal.class;
    }
}
