package org.consentledger.ledger.write;

import java.util.Collection;
import java.util.Map;

/** Loads sites' states for a group's decisions. */
public interface SiteStates {

    /** The state of every given site, a site with nothing published included. */
    Map<String, SiteState> load(Collection<String> siteIds);
}
