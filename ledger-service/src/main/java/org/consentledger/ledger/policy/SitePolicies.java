package org.consentledger.ledger.policy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.Decided;

/** The published versions of one site's cookie policy: append-only, each version immutable. */
@Aggregate
public class SitePolicies {

    @AggregateIdentifier
    private String siteId;
    private final TreeMap<Integer, CookiePolicy> versions = new TreeMap<>();
    private final Map<Integer, PolicyReceipt> receipts = new HashMap<>();

    protected SitePolicies() {
        // For Axon, which rebuilds the aggregate from its events.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PolicyReceipt handle(PublishCookiePolicy command, PolicyRules rules) {
        Decided<CookiePolicyPublished, PolicyReceipt> decided = rules.publish(command,
                new PolicyVersions(command.policy().siteId(), List.copyOf(versions.values())), receipts);
        if (decided instanceof Decided.Replay<CookiePolicyPublished, PolicyReceipt> replay) {
            return replay.receipt();
        }
        CookiePolicyPublished event = ((Decided.Record<CookiePolicyPublished, PolicyReceipt>) decided).event();
        apply(event);
        return receipts.get(event.version());
    }

    @EventSourcingHandler
    void on(CookiePolicyPublished event, @MessageIdentifier String eventId) {
        CookiePolicy policy = event.policy();
        siteId = event.siteId();
        versions.put(event.version(), policy);
        receipts.put(event.version(), new PolicyReceipt(eventId, siteId, policy.version(), policy.effectiveFrom(),
                policy.consentMaxAge(), event.recordedAt(), false));
    }
}
