package org.consentledger.store.readmodels;

/** The read models' names, as their rows in {@code read_model_position} and the dead-letter queue know them. */
public final class ReadModelNames {

    /** The event processor that feeds every read model. */
    public static final String PROCESSOR = "read-models";
    public static final String CONSENT_HISTORY = "consent-history";
    public static final String POLICY_CATALOG = "policy-catalog";

    private ReadModelNames() {
    }
}
