package org.consentledger.ledger.write;

/** A site's state as decisions read it (its policy versions); loaded per group by {@link SiteStates}. */
public interface SiteState {

    /** The state once the given event, decided earlier in the same group, is recorded. */
    SiteState recorded(Object event, String eventId);
}
