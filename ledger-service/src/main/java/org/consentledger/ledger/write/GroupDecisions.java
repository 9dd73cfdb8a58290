package org.consentledger.ledger.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;

/**
 * Decides a group of commands in the order given, from values loaded for the whole group: each command sees what the
 * commands before it decided, as if their events were already stored. A function of its inputs (ids included), so
 * it is tested without a store.
 */
public final class GroupDecisions {

    private final List<Decider<?>> deciders;

    public GroupDecisions(List<Decider<?>> deciders) {
        this.deciders = List.copyOf(deciders);
    }

    /**
     * What a group's decisions read.
     *
     * @param streams each target stream's history
     * @param earlier the stored event that recorded each submission a command of the group sends again, by
     *                {@link #submission(Decider.Target)}
     * @param sites   each target site's state
     */
    public record Loaded(Map<String, StreamHistory> streams, Map<String, Earlier<?>> earlier,
                         Map<String, SiteState> sites) {
    }

    /**
     * An event to append.
     *
     * @param commandId the id of the command it records, kept with the event as where it came from
     */
    public record NewEvent(String streamType, String stream, long sequence, String eventId, String commandId,
                           Object payload) {
    }

    /**
     * @param outcomes one per command, in the order given
     * @param events   the events to append, in the order decided
     * @param streams  the histories of the streams appended to, as they are once the events are stored
     */
    public record Decisions(List<Outcome> outcomes, List<NewEvent> events, Map<String, StreamHistory> streams) {
    }

    @SuppressWarnings("unchecked")
    public <C> Decider<C> deciderOf(Object command) {
        for (Decider<?> decider : deciders) {
            if (decider.decides(command)) {
                return (Decider<C>) decider;
            }
        }
        throw new IllegalArgumentException("no decider takes " + command.getClass().getSimpleName());
    }

    public Decider.Target target(Object command) {
        return deciderOf(command).target(command);
    }

    /** Told how each command was decided and how long that took. */
    public interface Observer {

        Observer NONE = (command, outcome, nanos) -> { };

        void decided(Object command, Outcome outcome, long nanos);
    }

    public Decisions decide(List<?> commands, Loaded loaded, Supplier<String> ids) {
        return decide(commands, loaded, ids, Observer.NONE);
    }

    /** @param ids gives each new event's id and each recorded command's id */
    public Decisions decide(List<?> commands, Loaded loaded, Supplier<String> ids, Observer observer) {
        Group group = new Group(loaded, ids);
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        for (Object command : commands) {
            long started = System.nanoTime();
            Outcome outcome = group.decide(command);
            observer.decided(command, outcome, System.nanoTime() - started);
            outcomes.add(outcome);
        }
        return new Decisions(outcomes, group.events, group.appended());
    }

    /** The group's state as its decisions so far leave it. */
    private final class Group {

        private final Map<String, StreamHistory> streams;
        private final Map<String, Earlier<?>> earlier;
        private final Map<String, SiteState> sites;
        private final Supplier<String> ids;
        /** The streams appended to, each copied once: a group may append a thousand events to one long stream. */
        private final Map<String, Growing> appended = new HashMap<>();
        private final List<NewEvent> events = new ArrayList<>();

        Group(Loaded loaded, Supplier<String> ids) {
            this.streams = loaded.streams();
            this.earlier = new HashMap<>(loaded.earlier());
            this.sites = new HashMap<>(loaded.sites());
            this.ids = ids;
        }

        Outcome decide(Object command) {
            Decider<Object> decider = deciderOf(command);
            Decider.Target target = decider.target(command);
            String submission = submission(target);
            Decided<?, ?> decided;
            try {
                decided = decider.decide(command, new Situation(sites.get(target.site()),
                        Optional.ofNullable(submission == null ? null : earlier.get(submission))));
            } catch (LedgerRejection refused) {
                return Outcome.ofRefusal(refused);
            }
            if (decided instanceof Decided.Replay<?, ?> replay) {
                return Outcome.ofReplay(replay.receipt());
            }
            Object event = ((Decided.Record<?, ?>) decided).event();
            String eventId = ids.get();
            long sequence = appended.computeIfAbsent(target.stream(),
                    stream -> new Growing(streams.getOrDefault(stream, StreamHistory.EMPTY)))
                    .append(target.submissionKey());
            if (submission != null) {
                earlier.put(submission, new Earlier<>(eventId, event));
            }
            sites.computeIfPresent(target.site(), (site, state) -> state.recorded(event, eventId));
            events.add(new NewEvent(decider.streamType(), target.stream(), sequence, eventId, ids.get(), event));
            return Outcome.ofNew(decider.receipt(eventId, event));
        }

        Map<String, StreamHistory> appended() {
            Map<String, StreamHistory> histories = new HashMap<>();
            appended.forEach((stream, growing) -> histories.put(stream, growing.history()));
            return histories;
        }
    }

    /** A stream's history while its group appends to it. */
    private static final class Growing {

        private long head;
        private final Map<String, Long> submissions;

        Growing(StreamHistory loaded) {
            this.head = loaded.head();
            this.submissions = new HashMap<>(loaded.submissions());
        }

        /** @return the position of the event appended */
        long append(String submissionKey) {
            head++;
            if (submissionKey != null) {
                submissions.put(submissionKey, head);
            }
            return head;
        }

        StreamHistory history() {
            return new StreamHistory(head, submissions);
        }
    }

    /** Names a submission across streams; null for a command without a submission key. */
    public static String submission(Decider.Target target) {
        return target.submissionKey() == null ? null : target.stream() + '\n' + target.submissionKey();
    }
}
