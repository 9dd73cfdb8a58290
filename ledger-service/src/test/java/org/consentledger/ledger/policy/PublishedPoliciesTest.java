package org.consentledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.ledger.policy.TestPolicies.SITE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.ledger.write.SiteState;
import org.consentledger.store.StoredStreams;
import org.junit.jupiter.api.Test;

class PublishedPoliciesTest {

    private static final Instant V1_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant V2_FROM = Instant.parse("2026-02-01T00:00:00Z");

    private final EventStore store = TestPolicies.storeWith(V1_FROM, TestPolicies.version1(V1_FROM));
    private final List<Collection<String>> asked = new ArrayList<>();
    private final StoredStreams heads = ids -> {
        asked.add(List.copyOf(ids));
        return TestPolicies.headsOf(store).lastSequences(ids);
    };
    private final PublishedPolicies policies = new PublishedPolicies(store, heads);

    @Test
    void aGroupDecidesAgainstTheSitesItLoadedInOneStatement() {
        Map<String, SiteState> loaded = policies.load(List.of(SITE, "unknown.example.org", SITE));
        // Published meanwhile by another instance: the group decides against what it loaded.
        publishVersion2();

        assertThat(((PublishedSite) loaded.get(SITE)).versions().latest()).map(CookiePolicy::version).contains(1);
        assertThat(((PublishedSite) loaded.get("unknown.example.org")).versions().exists()).isFalse();
        assertThat(asked).containsExactly(List.of(SITE, "unknown.example.org", SITE));

        PublishedSite next = (PublishedSite) policies.load(List.of(SITE)).get(SITE);
        assertThat(next.versions().latest()).map(CookiePolicy::version).contains(2);
        assertThat(next.receipts().get(2).recordedAt()).isEqualTo(V2_FROM);
    }

    @Test
    void aSiteWhoseStreamDidNotMoveIsNotReadAgain() {
        SiteState first = policies.load(List.of(SITE)).get(SITE);
        assertThat(policies.load(List.of(SITE)).get(SITE)).isSameAs(first);
    }

    private void publishVersion2() {
        store.publish(new GenericDomainEventMessage<>("SitePolicies", SITE, 1,
                new CookiePolicyPublished(TestPolicies.version2(V2_FROM), V2_FROM)));
    }
}
