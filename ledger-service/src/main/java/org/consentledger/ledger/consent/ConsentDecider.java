package org.consentledger.ledger.consent;

import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentGivenPersonal;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.ConsentWithdrawnPersonal;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.Situation;

/**
 * A visitor's consent given or withdrawn, decided by {@link ConsentRules} against the site's policy versions and the
 * event that used the same client id before, if any. Each visitor of a site has a stream of their own.
 */
public class ConsentDecider implements Decider<ConsentDecision> {

    /** What the store has always kept as the type of a visitor's stream. */
    static final String STREAM_TYPE = "VisitorConsent";

    private final ConsentRules rules;
    private final VisitorPseudonyms pseudonyms;
    private final ConsentSubmissionKeys submissionKeys;

    public ConsentDecider(ConsentRules rules, VisitorPseudonyms pseudonyms, ConsentSubmissionKeys submissionKeys) {
        this.rules = rules;
        this.pseudonyms = pseudonyms;
        this.submissionKeys = submissionKeys;
    }

    @Override
    public boolean decides(Object command) {
        return command instanceof GiveConsent || command instanceof WithdrawConsent;
    }

    @Override
    public Target target(ConsentDecision command, int generation) {
        String stream = pseudonyms.stream(command.siteId(), command.visitorId(), generation);
        return new Target(stream, command.siteId(), submissionKeys.ofDecision(stream, command));
    }

    @Override
    public String formatOneSubmissionKey(ConsentDecision command) {
        return ConsentSubmissionKeys.ofFormatOne(command);
    }

    @Override
    public Decided<?, ?> decide(ConsentDecision command, Situation situation) {
        PublishedSite site = situation.site(PublishedSite.class);
        return command instanceof GiveConsent give
                ? rules.give(give, situation.earlier(ConsentGiven.class), site)
                : rules.withdraw((WithdrawConsent) command, situation.earlier(ConsentWithdrawn.class), site);
    }

    @Override
    public Object receipt(ConsentDecision command, String eventId, Object event, Object personal) {
        return event instanceof ConsentGiven given
                ? ConsentRules.receipt(eventId, given, (ConsentGivenPersonal) personal)
                : ConsentRules.receipt(eventId, (ConsentWithdrawn) event, (ConsentWithdrawnPersonal) personal);
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }
}
