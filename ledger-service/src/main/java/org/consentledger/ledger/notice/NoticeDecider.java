package org.consentledger.ledger.notice;

import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.PublishNotice;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.policy.PolicyDecider;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.Situation;

/**
 * Publishing a notice, decided by {@link NoticeRules} against what the site published so far. Notices are events of
 * the site's own stream, beside its policy versions: a notice presents one of them, and every evidence bundle of the
 * site proves both.
 */
public class NoticeDecider implements Decider<PublishNotice> {

    private final NoticeRules rules;

    public NoticeDecider(NoticeRules rules) {
        this.rules = rules;
    }

    @Override
    public boolean decides(Object command) {
        return command instanceof PublishNotice;
    }

    @Override
    public Target target(PublishNotice command, int generation) {
        String site = command.siteId();
        return new Target(site, site, null);
    }

    @Override
    public Decided<?, ?> decide(PublishNotice command, Situation situation) {
        return rules.publish(command, situation.site(PublishedSite.class));
    }

    @Override
    public Object receipt(PublishNotice command, String eventId, Object event, Object personal) {
        return PublishedSite.receipt(eventId, (NoticePublished) event);
    }

    @Override
    public String streamType() {
        return PolicyDecider.STREAM_TYPE;
    }
}
