package org.consentledger.ledger.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.write.GroupDecisions.Decisions;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.hamcrest.Matcher;
import org.hamcrest.MatcherAssert;

/**
 * A decider's story told as the write path decides it, from events given as already stored: given these events,
 * when this command comes, then these events (or this receipt, or this refusal). No store, no framework.
 */
public final class DecisionScenario {

    private final GroupDecisions decisions;
    private final SiteStates sites;
    private final Function<Object, Decider.Target> targetOfEvent;
    private final Map<String, StreamHistory> streams = new HashMap<>();
    private final Map<String, Earlier<?>> earlier = new HashMap<>();
    private final Map<String, SiteState> recordedSites = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * @param sites         the sites' states before the given events
     * @param targetOfEvent where a given event was stored, as the command that recorded it would have targeted
     */
    public DecisionScenario(Decider<?> decider, SiteStates sites, Function<Object, Decider.Target> targetOfEvent) {
        this.decisions = new GroupDecisions(List.of(decider));
        this.sites = sites;
        this.targetOfEvent = targetOfEvent;
    }

    public DecisionScenario givenNoPriorActivity() {
        streams.clear();
        earlier.clear();
        recordedSites.clear();
        return this;
    }

    /**
     * The events, stored in this order before the command comes; an event with a personal part is given as the
     * {@link Decided.Record} that recorded it.
     */
    public DecisionScenario given(Object... events) {
        givenNoPriorActivity();
        for (Object given : events) {
            Decider.Target target = targetOfEvent.apply(given);
            Object event = given instanceof Decided.Record<?, ?> recorded ? recorded.event() : given;
            Object personal = given instanceof Decided.Record<?, ?> recorded ? recorded.personal() : null;
            String eventId = "stored-" + ids.incrementAndGet();
            StreamHistory before = streams.getOrDefault(target.stream(), StreamHistory.EMPTY);
            Map<String, Long> submissions = new HashMap<>(before.submissions());
            if (target.submissionKey() != null) {
                submissions.put(target.submissionKey(), before.head() + 1);
            }
            streams.put(target.stream(), new StreamHistory(before.head() + 1, submissions));
            String submission = GroupDecisions.submission(target);
            if (submission != null) {
                earlier.put(submission, new Earlier<>(eventId, event, personal));
            }
            recordedSites.put(target.site(), site(target.site()).recorded(event, eventId));
        }
        return this;
    }

    public Then when(Object command) {
        GroupDecisions.Settled settled = decisions.settle(List.of(command), wanted -> {
            Map<String, StreamHistory> found = new HashMap<>();
            wanted.stream().filter(streams::containsKey).forEach(stream -> found.put(stream, streams.get(stream)));
            return found;
        });
        Decider.Target target = settled.targets().get(0);
        Map<String, SiteState> site = Map.of(target.site(), site(target.site()));
        Map<String, StreamHistory> histories = new HashMap<>(streams);
        histories.putAll(settled.histories());
        Decisions decided = decisions.decide(List.of(command), settled.targets(),
                new GroupDecisions.Loaded(histories, earlier, site), () -> "new-" + ids.incrementAndGet());
        return new Then(decided);
    }

    private SiteState site(String siteId) {
        return recordedSites.computeIfAbsent(siteId, id -> sites.load(List.of(id)).get(id));
    }

    /** What the command became. */
    public record Then(Decisions decided) {

        /** The new events' payloads, or for an event with a personal part the {@link Decided.Record} of both. */
        public Then expectEvents(Object... payloads) {
            assertThat(decided.events().stream().map(e -> e.personal() == null ? e.payload()
                    : new Decided.Record<>(e.payload(), e.personal())).toList()).containsExactly(payloads);
            return this;
        }

        public Then expectNoEvents() {
            assertThat(decided.events()).isEmpty();
            return this;
        }

        public Then expectReceipt(Predicate<Object> receipt) {
            Outcome outcome = decided.outcomes().get(0);
            assertThat(outcome.rejection()).isNull();
            assertThat(outcome.receipt()).matches(receipt);
            return this;
        }

        public Then expectRejection(Matcher<Object> rejection) {
            MatcherAssert.assertThat(decided.outcomes().get(0).rejection(), rejection);
            return this;
        }

        public Then expectRejectionMessage(Matcher<String> message) {
            MatcherAssert.assertThat(decided.outcomes().get(0).rejection().getMessage(), message);
            return this;
        }
    }
}
