package org.consentledger.api.consent;

/** A visitor's decision on one site, given or withdrawn: a command on that visitor's stream. */
public interface ConsentDecision {

    String siteId();

    String visitorId();
}
