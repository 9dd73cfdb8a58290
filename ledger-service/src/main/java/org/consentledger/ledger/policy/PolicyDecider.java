package org.consentledger.ledger.policy;

import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.Situation;

/** Publishing a policy version, decided by {@link PolicyRules} against the site's versions so far. */
public class PolicyDecider implements Decider<PublishCookiePolicy> {

    /** What the store has always kept as the type of a site's stream. */
    public static final String STREAM_TYPE = "SitePolicies";

    private final PolicyRules rules;

    public PolicyDecider(PolicyRules rules) {
        this.rules = rules;
    }

    @Override
    public boolean decides(Object command) {
        return command instanceof PublishCookiePolicy;
    }

    /** A site's versions are the site's own stream; a version published again is found among them. */
    @Override
    public Target target(PublishCookiePolicy command, int generation) {
        String site = command.policy().siteId();
        return new Target(site, site, null);
    }

    @Override
    public Decided<?, ?> decide(PublishCookiePolicy command, Situation situation) {
        PublishedSite site = situation.site(PublishedSite.class);
        return rules.publish(command, site.versions(), site.receipts());
    }

    @Override
    public Object receipt(PublishCookiePolicy command, String eventId, Object event, Object personal) {
        return PublishedSite.receipt(eventId, (CookiePolicyPublished) event);
    }

    @Override
    public String streamType() {
        return STREAM_TYPE;
    }
}
