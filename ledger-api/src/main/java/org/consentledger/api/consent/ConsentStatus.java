package org.consentledger.api.consent;

/** Why a category or cookie is, or is not, allowed at an instant. */
public enum ConsentStatus {
    /** The category does not require consent (strictly necessary). */
    EXEMPT,
    GRANTED,
    DENIED,
    WITHDRAWN,
    /** Denied by the browser's Global Privacy Control signal, the visitor having made no choice for it. */
    GPC,
    /** Granted, but longer ago than the consent max age of the policy it was given under. */
    EXPIRED,
    /** The ledger holds no decision of the visitor on this category. */
    NOT_ASKED,
    /** The category is granted, but under a policy version that did not list this cookie. */
    NOT_IN_CONSENTED_POLICY;

    public boolean allows() {
        return this == EXEMPT || this == GRANTED;
    }
}
