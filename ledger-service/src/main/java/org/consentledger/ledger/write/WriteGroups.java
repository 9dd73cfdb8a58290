package org.consentledger.ledger.write;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.consentledger.api.FormatOneEvent;
import org.consentledger.api.PersonalEvent;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.store.LedgerStorageEngine;
import org.consentledger.ledger.store.StoreFailures;
import org.consentledger.ledger.write.GroupDecisions.Decisions;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.consentledger.store.StoredStreams;

/**
 * Records a group of commands as one transaction: load the state its decisions read, decide them
 * ({@link GroupDecisions}), chain the new events ({@link EventLinker}), append them at the positions decided and
 * commit. The accepted commands are committed together and the refused ones change nothing. The append names each
 * event's position in its stream, so a group decided on a stream another instance has appended to since fails on the
 * store's unique key; it is then decided again on the fresh state, up to {@value #ATTEMPTS} times.
 * <p>
 * The appends take turns, from append to commit: the store hands out global indexes when events are inserted, but
 * they become visible when their transaction commits. Interleaved transactions make every event processor keep each
 * index not yet visible as a "gap" in its tracking token, a set copied into the token of every event it tracks and
 * named in every query it makes; taking turns, groups commit in index order. Loading and deciding come before the
 * turn, so several writer threads can prepare groups at once.
 */
public class WriteGroups {

    private static final int ATTEMPTS = 10;

    private final GroupDecisions decisions;
    private final StreamHistories histories;
    private final StoredStreams heads;
    private final SiteStates sites;
    private final EventStore eventStore;
    private final EventLinker chain;
    private final TransactionManager transactions;
    private final CommandMetrics metrics;
    private final DataKeys dataKeys;
    private final List<AppendEffect> effects;
    private final ReentrantLock appendTurn = new ReentrantLock(true);

    WriteGroups(GroupDecisions decisions, StreamHistories histories, StoredStreams heads, SiteStates sites,
                EventStore eventStore, EventLinker chain, TransactionManager transactions, CommandMetrics metrics,
                DataKeys dataKeys, List<AppendEffect> effects) {
        this.decisions = decisions;
        this.histories = histories;
        this.heads = heads;
        this.sites = sites;
        this.eventStore = eventStore;
        this.chain = chain;
        this.transactions = transactions;
        this.metrics = metrics;
        this.dataKeys = dataKeys;
        this.effects = List.copyOf(effects);
    }

    /** Records the commands, each with its own outcome, in the order given. */
    public List<Outcome> record(List<?> commands) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(commands);
            } catch (RuntimeException failure) {
                if (attempt == ATTEMPTS || !StoreFailures.lostAppendRace(failure)) {
                    commands.forEach(command -> metrics.decided(command, "failed", 0));
                    throw failure;
                }
                pause(attempt);
            }
        }
    }

    /**
     * One transaction: load, decide and link, stage the new events, then commit in turn. Axon's unit of work appends
     * the staged events as it commits, and wakes the event processors once the commit is done.
     */
    private List<Outcome> attempt(List<?> commands) {
        DefaultUnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        // The histories read are remembered only once the group commits: before its targets are settled there is
        // nothing to forget.
        List<Decider.Target> targets = List.of();
        DataKeys.ForAppend keys = null;
        try {
            unit.attachTransaction(transactions);
            GroupDecisions.Settled settled = decisions.settle(commands, histories::read);
            targets = settled.targets();
            Decisions decided = decisions.decide(commands, targets, load(commands, settled),
                    IdentifierFactory.getInstance()::generateIdentifier, this::decided);
            keys = dataKeys.forAppend(decided.events().stream().filter(e -> e.personal() != null)
                    .map(NewEvent::stream).distinct().toList());
            List<NewEvent> sealed = sealed(decided.events(), keys);
            EventLinker.Linked linked = chain.link(messages(sealed));
            if (decided.events().isEmpty()) {
                unit.commit();
                return decided.outcomes();
            }
            effects.forEach(effect -> effect.staged(sealed));
            eventStore.publish(linked.events());
            appendTurn.lock();
            try {
                unit.commit();
            } finally {
                appendTurn.unlock();
            }
            metrics.appended(decided.events());
            histories.remember(decided.streams());
            dataKeys.committed(keys);
            linked.committed();
            effects.forEach(effect -> effect.committed(sealed));
            return decided.outcomes();
        } catch (RuntimeException | Error failure) {
            if (unit.isActive()) {
                unit.rollback(failure);
            }
            histories.forget(targets.stream().map(Decider.Target::stream).toList());
            if (keys != null) {
                dataKeys.rolledBack(keys);
            }
            throw failure;
        }
    }

    private void decided(Object command, Outcome outcome, long nanos) {
        metrics.decided(command, outcome.rejection() == null ? "accepted" : "rejected", nanos);
    }

    /** Everything the group's decisions read, a few statements for the whole group. */
    private GroupDecisions.Loaded load(List<?> commands, GroupDecisions.Settled settled) {
        List<Decider.Target> targets = settled.targets();
        Set<String> keyed = new HashSet<>();
        Set<String> plain = new HashSet<>();
        Set<String> siteIds = new HashSet<>();
        for (Decider.Target target : targets) {
            (target.submissionKey() != null ? keyed : plain).add(target.stream());
            siteIds.add(target.site());
        }
        Map<String, StreamHistory> streams = new HashMap<>(settled.histories());
        plain.removeAll(keyed);
        heads.lastSequences(plain).forEach((stream, head) -> streams.put(stream, new StreamHistory(head, Map.of())));
        Map<String, Earlier<?>> earlier = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            Decider.Target target = targets.get(i);
            String submission = GroupDecisions.submission(target);
            StreamHistory history = streams.get(target.stream());
            Long position = submission == null || history == null ? null
                    : history.submissions().get(target.submissionKey());
            if (position != null && !earlier.containsKey(submission)) {
                DomainEventMessage<?> event = eventStore.readEvents(target.stream(), position).next();
                earlier.put(submission, earlier(target.stream(), event));
            } else if (position == null && submission != null && history != null && history.formatOne() != null
                    && !earlier.containsKey(submission)) {
                formatOneEarlier(commands.get(i), history.formatOne()).ifPresent(e -> earlier.put(submission, e));
            }
        }
        return new GroupDecisions.Loaded(streams, earlier, sites.load(siteIds));
    }

    /** The event of the visitor's format 1 stream that recorded the command's client id, if one did. */
    private Optional<Earlier<?>> formatOneEarlier(Object command, StreamHistory.FormatOne formatOne) {
        String key = decisions.deciderOf(command).formatOneSubmissionKey(command);
        Long position = key == null ? null : formatOne.submissions().get(key);
        if (position == null) {
            return Optional.empty();
        }
        DomainEventMessage<?> event = eventStore.readEvents(formatOne.stream(), position).next();
        FormatOneEvent recorded = (FormatOneEvent) event.getPayload();
        return Optional.of(new Earlier<>(event.getIdentifier(), recorded.publicPart(), recorded.personalPart()));
    }

    /** An earlier event with its personal part opened: the rules compare it with the submission sent again. */
    private Earlier<?> earlier(String stream, DomainEventMessage<?> event) {
        if (!(event.getPayload() instanceof PersonalEvent<?, ?> personal) || personal.personal() == null) {
            return new Earlier<>(event.getIdentifier(), event.getPayload());
        }
        DataKey key = dataKeys.known(stream).orElseThrow(() -> new IllegalStateException(
                "stream " + stream + " holds event " + event.getIdentifier() + " but no data key to open it"));
        return new Earlier<>(event.getIdentifier(), event.getPayload(),
                PersonalParts.open(personal, event.getIdentifier(), key).value());
    }

    /** The new events with their personal parts sealed under their streams' keys. */
    private static List<NewEvent> sealed(List<NewEvent> events, DataKeys.ForAppend keys) {
        return events.stream().map(e -> e.personal() == null ? e
                : new NewEvent(e.streamType(), e.stream(), e.sequence(), e.eventId(), e.commandId(), e.submissionKey(),
                PersonalParts.seal((PersonalEvent) e.payload(), e.personal(), e.eventId(), keys.keys().get(e.stream())),
                null, e.command())).toList();
    }

    /**
     * The events in stream order (each stream's own order kept), each recording the command it came from as Axon
     * records a command's origin. In stream order, two instances appending to the same streams take the store's
     * unique keys in the same order, so neither waits on a key the other holds while it waits for one of its own; and
     * a group's inserts land side by side in the indexes on (stream, position).
     */
    private static List<DomainEventMessage<?>> messages(List<NewEvent> events) {
        Instant now = GenericEventMessage.clock.instant();
        return events.stream().sorted(Comparator.comparing(NewEvent::stream))
                .<DomainEventMessage<?>>map(e -> new GenericDomainEventMessage<>(e.streamType(),
                e.stream(), e.sequence(), e.payload(), metaData(e), e.eventId(), now)).toList();
    }

    private static Map<String, String> metaData(NewEvent event) {
        return event.submissionKey() == null
                ? Map.of("correlationId", event.commandId(), "traceId", event.commandId())
                : Map.of("correlationId", event.commandId(), "traceId", event.commandId(),
                LedgerStorageEngine.SUBMISSION_KEY, event.submissionKey());
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a group", e);
        }
    }
}
