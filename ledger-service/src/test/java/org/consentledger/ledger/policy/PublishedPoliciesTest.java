package org.consentledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.ledger.policy.TestPolicies.SITE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
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
    void aBatchDecidesAgainstTheSitePositionsItReadAheadWithoutAskingTheStoreAgain() {
        assertThat(inUnitOfWork(() -> policies.latest(SITE))).map(CookiePolicy::version).contains(1);
        List<Optional<CookiePolicy>> seen = inUnitOfWork(() -> {
            policies.readAhead(List.of(SITE, "unknown.example.org", SITE));
            // Published meanwhile by another unit of work (here another thread's), committed at once.
            CompletableFuture.runAsync(this::publishVersion2).join();
            return List.of(policies.latest(SITE), policies.latest("unknown.example.org"));
        });
        assertThat(seen.get(0)).map(CookiePolicy::version).contains(1);
        assertThat(seen.get(1)).isEmpty();
        assertThat(asked).containsExactly(List.of(SITE, "unknown.example.org"));

        assertThat(inUnitOfWork(() -> policies.latest(SITE))).map(CookiePolicy::version).contains(2);
    }

    @Test
    void readingAheadAgainAsksOnlyForSitesNotReadYet() {
        inUnitOfWork(() -> {
            policies.readAhead(List.of(SITE));
            policies.readAhead(List.of(SITE, "other.example.org"));
            return null;
        });
        assertThat(asked).containsExactly(List.of(SITE), List.of("other.example.org"));
    }

    private static <T> T inUnitOfWork(Supplier<T> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            T result = work.get();
            unitOfWork.commit();
            return result;
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }

    private void publishVersion2() {
        store.publish(new GenericDomainEventMessage<>("SitePolicies", SITE, 1,
                new CookiePolicyPublished(TestPolicies.version2(V2_FROM), V2_FROM)));
    }
}
