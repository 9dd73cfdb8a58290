package org.consentledger.api.consent;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.Recorded;
import org.consentledger.api.SealedPart;

/**
 * A visitor withdrew consent for {@code categories} (empty: every category that requires consent), in evidence
 * format 2; who withdrew is the personal part ({@link ConsentWithdrawnPersonal}).
 *
 * @param policyVersion the version in force at {@code occurredAt}, against which the categories were checked
 * @param context       how and where the visitor withdrew; null when the client did not say
 * @param browser       the page origin the withdrawal came from, when a browser sent it to the collection endpoint
 */
public record ConsentWithdrawn(
        String siteId,
        int policyVersion,
        Instant occurredAt,
        Instant recordedAt,
        List<String> categories,
        DecisionContext context,
        BrowserSubmission browser,
        SealedPart personal) implements Recorded, PersonalEvent<ConsentWithdrawn, ConsentWithdrawnPersonal> {

    /** A withdrawal recorded without its decision's context. */
    public ConsentWithdrawn(String siteId, int policyVersion, Instant occurredAt, Instant recordedAt,
                            List<String> categories, SealedPart personal) {
        this(siteId, policyVersion, occurredAt, recordedAt, categories, null, null, personal);
    }

    @Override
    public ConsentWithdrawn sealedAs(SealedPart personal) {
        return new ConsentWithdrawn(siteId, policyVersion, occurredAt, recordedAt, categories, context, browser,
                personal);
    }

    @Override
    public Class<ConsentWithdrawnPersonal> personalType() {
        return ConsentWithdrawnPersonal.class;
    }
}
