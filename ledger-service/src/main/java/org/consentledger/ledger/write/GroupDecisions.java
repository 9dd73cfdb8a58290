package org.consentledger.ledger.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
     * @param commandId     the id of the command it records, kept with the event as where it came from
     * @param submissionKey the key the stream's submission index holds the command's client id under, or null
     * @param personal      the event's personal part, to be sealed before it is stored; null for none
     * @param command       the command it records, for what a feature stores beside the event ({@link AppendEffect})
     */
    public record NewEvent(String streamType, String stream, long sequence, String eventId, String commandId,
                           String submissionKey, Object payload, Object personal, Object command) {
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

    /** Where the command goes on the visitor's first stream: what the histories are first read for. */
    public Decider.Target target(Object command) {
        return deciderOf(command).target(command, 0);
    }

    /** The streams of at most this many erasures of one visitor are passed over: a bound, not an expected number. */
    static final int MOST_ERASURES = 1_000;

    /**
     * Each command's target, and the histories of the streams with submissions. A visitor's stream that was erased
     * takes no event again: a command for it goes to the visitor's next stream, read in its turn, unless it is
     * answered from the erased stream ({@link Decider#answeredFromErasedStream}).
     *
     * @param read the histories of the given streams (an absent one has no events)
     */
    public Settled settle(List<?> commands, Function<Collection<String>, Map<String, StreamHistory>> read) {
        List<Decider.Target> targets = new ArrayList<>(commands.stream().map(this::target).toList());
        int[] generations = new int[commands.size()];
        Map<String, StreamHistory> histories = new HashMap<>(read.apply(keyedStreams(targets)));
        for (int round = 0; ; round++) {
            List<String> unread = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                Decider.Target target = targets.get(i);
                StreamHistory history = histories.get(target.stream());
                if (target.submissionKey() == null || history == null || !history.erased()
                        || history.submissions().containsKey(target.submissionKey())
                        && deciderOf(commands.get(i)).answeredFromErasedStream(commands.get(i))) {
                    continue;
                }
                if (round == MOST_ERASURES) {
                    throw new IllegalStateException("stream " + target.stream() + " follows too many erased streams");
                }
                Decider.Target next = deciderOf(commands.get(i)).target(commands.get(i), ++generations[i]);
                targets.set(i, next);
                if (!histories.containsKey(next.stream())) {
                    unread.add(next.stream());
                }
            }
            if (unread.isEmpty()) {
                return new Settled(targets, histories);
            }
            histories.putAll(read.apply(unread.stream().distinct().toList()));
        }
    }

    /** Each command's target and the histories read for them. */
    public record Settled(List<Decider.Target> targets, Map<String, StreamHistory> histories) {
    }

    private static List<String> keyedStreams(List<Decider.Target> targets) {
        return targets.stream().filter(t -> t.submissionKey() != null).map(Decider.Target::stream).distinct().toList();
    }

    /** Told how each command was decided and how long that took. */
    public interface Observer {

        Observer NONE = (command, outcome, nanos) -> { };

        void decided(Object command, Outcome outcome, long nanos);
    }

    public Decisions decide(List<?> commands, List<Decider.Target> targets, Loaded loaded, Supplier<String> ids) {
        return decide(commands, targets, loaded, ids, Observer.NONE);
    }

    /**
     * @param targets each command's target, as {@link #settle} found them
     * @param ids     gives each new event's id and each recorded command's id
     */
    public Decisions decide(List<?> commands, List<Decider.Target> targets, Loaded loaded, Supplier<String> ids,
                            Observer observer) {
        Group group = new Group(loaded, ids);
        List<Outcome> outcomes = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            Object command = commands.get(i);
            long started = System.nanoTime();
            Outcome outcome = group.decide(command, targets.get(i));
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

        Outcome decide(Object command, Decider.Target target) {
            Decider<Object> decider = deciderOf(command);
            String submission = submission(target);
            Growing grown = appended.get(target.stream());
            StreamHistory stored = streams.getOrDefault(target.stream(), StreamHistory.EMPTY);
            long head = grown != null ? grown.head : stored.head();
            boolean erased = grown != null ? grown.erased : stored.erased();
            boolean formatOne = (grown != null ? grown.formatOne : stored.formatOne()) != null;
            if (grown != null && grown.erased && !(decider.answeredFromErasedStream(command)
                    && grown.submissions.containsKey(target.submissionKey()))) {
                // Erased by a command of this very group: the visitor's next stream was not read for it.
                return Outcome.ofRefusal(new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null,
                        "the visitor was erased a moment ago; send the request again"));
            }
            Decided<?, ?> decided;
            try {
                decided = decider.decide(command, new Situation(sites.get(target.site()),
                        Optional.ofNullable(submission == null ? null : earlier.get(submission)), head, erased,
                        formatOne));
            } catch (LedgerRejection refused) {
                return Outcome.ofRefusal(refused);
            }
            if (decided instanceof Decided.Replay<?, ?> replay) {
                return Outcome.ofReplay(replay.receipt());
            }
            Decided.Record<?, ?> recorded = (Decided.Record<?, ?>) decided;
            Object event = recorded.event();
            String eventId = ids.get();
            long sequence = appended.computeIfAbsent(target.stream(),
                    stream -> new Growing(streams.getOrDefault(stream, StreamHistory.EMPTY)))
                    .append(target.submissionKey());
            if (submission != null) {
                earlier.put(submission, new Earlier<>(eventId, event, recorded.personal()));
            }
            sites.computeIfPresent(target.site(), (site, state) -> state.recorded(event, eventId));
            events.add(new NewEvent(decider.streamType(), target.stream(), sequence, eventId, ids.get(),
                    target.submissionKey(), event, recorded.personal(), command));
            return Outcome.ofNew(decider.receipt(command, eventId, event, recorded.personal()));
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
        private boolean erased;
        private final StreamHistory.FormatOne formatOne;

        Growing(StreamHistory loaded) {
            this.head = loaded.head();
            this.submissions = new HashMap<>(loaded.submissions());
            this.erased = loaded.erased();
            this.formatOne = loaded.formatOne();
        }

        /** @return the position of the event appended */
        long append(String submissionKey) {
            head++;
            if (submissionKey != null) {
                submissions.put(submissionKey, head);
                erased |= submissionKey.startsWith(StreamHistory.ERASURE + ":");
            }
            return head;
        }

        StreamHistory history() {
            return new StreamHistory(head, submissions, erased, formatOne);
        }
    }

    /** Names a submission across streams; null for a command without a submission key. */
    public static String submission(Decider.Target target) {
        return target.submissionKey() == null ? null : target.stream() + '\n' + target.submissionKey();
    }
}
