package org.consentledger.ledger.consent;

import org.consentledger.api.consent.ConsentDecision;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.ledger.store.SubmissionKeys;

/**
 * How consent events name their submission in the store's submission index. Consent ids and withdrawal ids are
 * separate: a client may use the same text for one of each.
 */
final class ConsentSubmissionKeys implements SubmissionKeys {

    static final String CONSENT = "consent:";
    static final String WITHDRAWAL = "withdrawal:";

    @Override
    public String of(Object payload) {
        if (payload instanceof ConsentGiven given) {
            return CONSENT + given.consentId();
        }
        if (payload instanceof ConsentWithdrawn withdrawn) {
            return WITHDRAWAL + withdrawn.withdrawalId();
        }
        return null;
    }

    /** The key the event a decision records will have. */
    static String ofDecision(ConsentDecision decision) {
        return decision instanceof GiveConsent give ? CONSENT + give.consentId()
                : WITHDRAWAL + ((WithdrawConsent) decision).withdrawalId();
    }
}
