package org.consentledger.ledger.consent;

import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.personal.VisitorPseudonyms;
import org.consentledger.ledger.store.SubmissionKeys;

/**
 * How consent events name their submission in the store's submission index. Consent ids and withdrawal ids are
 * separate: a client may use the same text for one of each. A client's id may say who the visitor is, so format 2
 * indexes a keyed hash of it; format 1 indexed the id itself.
 */
public final class ConsentSubmissionKeys implements SubmissionKeys {

    static final String CONSENT = "consent";
    static final String WITHDRAWAL = "withdrawal";

    private final VisitorPseudonyms pseudonyms;

    public ConsentSubmissionKeys(VisitorPseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** The key of a format 1 event, stored before the index had a column for it. */
    @Override
    public String of(Object payload) {
        if (payload instanceof ConsentGivenV1 given) {
            return CONSENT + ":" + given.consentId();
        }
        if (payload instanceof ConsentWithdrawnV1 withdrawn) {
            return WITHDRAWAL + ":" + withdrawn.withdrawalId();
        }
        return null;
    }

    /** The key format 1 indexed a decision's client id under. */
    static String ofFormatOne(ConsentDecision decision) {
        return decision instanceof GiveConsent give ? CONSENT + ":" + give.consentId()
                : WITHDRAWAL + ":" + ((WithdrawConsent) decision).withdrawalId();
    }

    /** The key the event a decision records will have in its stream. */
    String ofDecision(String stream, ConsentDecision decision) {
        return decision instanceof GiveConsent give ? pseudonyms.submission(stream, CONSENT, give.consentId())
                : pseudonyms.submission(stream, WITHDRAWAL, ((WithdrawConsent) decision).withdrawalId());
    }
}
