package org.consentledger.ledger.personal;

import org.consentledger.store.personal.SecretFingerprints;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Refuses to start with a pseudonym secret other than the one the database was written with: every visitor stream is
 * named by it, so an instance with another key file would start each visitor's history afresh beside the real one.
 * Runs before the processors and the web server take any work.
 */
class SecretCheck implements SmartInitializingSingleton {

    static final String PSEUDONYMS = "pseudonyms";

    private final VisitorPseudonyms pseudonyms;
    private final SecretFingerprints fingerprints;

    SecretCheck(VisitorPseudonyms pseudonyms, SecretFingerprints fingerprints) {
        this.pseudonyms = pseudonyms;
        this.fingerprints = fingerprints;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String mine = pseudonyms.fingerprint();
        String held = fingerprints.settle(PSEUDONYMS, mine);
        if (!held.equals(mine)) {
            throw new IllegalStateException("the pseudonym secret in ledger.personal-data.key-file is not the one this "
                    + "database was written with (fingerprint " + held.substring(0, 16) + ", this file's "
                    + mine.substring(0, 16) + "): give every instance the same key file");
        }
    }
}
