package org.consentledger.store;

/**
 * How many policy versions a site's stream holds in the event store. A site's stream also holds its notices, so its
 * length is not its number of versions: a read model of the versions is whole when it holds this many.
 */
public interface StoredPolicyEvents {

    long policyEvents(String siteId);
}
