package org.consentledger.ledger.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.write.GroupDecisions.Decisions;
import org.consentledger.ledger.write.GroupDecisions.NewEvent;
import org.junit.jupiter.api.Test;

/** A group of commands is decided in order, each seeing what the commands before it in the group decided. */
class GroupDecisionsTest {

    /** A note to a stream: recorded once per id, refused when empty; the site counts what it has published. */
    record Note(String stream, String id, String text) {
    }

    record Noted(String stream, String id, String text) {
    }

    record Site(int published) implements SiteState {
        @Override
        public SiteState recorded(Object event, String eventId) {
            return new Site(published + 1);
        }
    }

    static final class Notes implements Decider<Note> {

        final List<Integer> sitesSeen = new java.util.ArrayList<>();

        @Override
        public boolean decides(Object command) {
            return command instanceof Note;
        }

        final List<Long> headsSeen = new java.util.ArrayList<>();

        /** A note whose id starts with "erase" closes its stream, as an erasure does. */
        @Override
        public Target target(Note command, int generation) {
            String stream = generation == 0 ? command.stream() : command.stream() + "#" + generation;
            return new Target(stream, "site", (erases(command) ? StreamHistory.ERASURE : "note") + ":" + command.id());
        }

        @Override
        public boolean answeredFromErasedStream(Note command) {
            return erases(command);
        }

        static boolean erases(Note command) {
            return command.id().startsWith("erase");
        }

        @Override
        public Decided<?, ?> decide(Note command, Situation situation) {
            sitesSeen.add(situation.site(Site.class).published());
            headsSeen.add(situation.streamHead());
            if (command.text().isEmpty()) {
                throw LedgerRejection.invalid("text", "a note needs text");
            }
            Optional<Earlier<Noted>> earlier = situation.earlier(Noted.class);
            if (earlier.isPresent()) {
                return new Decided.Replay<>("replay of " + earlier.get().eventId());
            }
            return new Decided.Record<>(new Noted(command.stream(), command.id(), command.text()));
        }

        @Override
        public Object receipt(Note command, String eventId, Object event, Object personal) {
            return "receipt of " + eventId;
        }

        @Override
        public String streamType() {
            return "Notes";
        }
    }

    final Notes notes = new Notes();
    final GroupDecisions decisions = new GroupDecisions(List.of(notes));
    final AtomicInteger ids = new AtomicInteger();

    Decisions decide(Map<String, StreamHistory> streams, Map<String, Earlier<?>> earlier, Object... commands) {
        GroupDecisions.Settled settled = decisions.settle(List.of(commands), read(streams));
        return decisions.decide(List.of(commands), settled.targets(), new GroupDecisions.Loaded(settled.histories(),
                earlier, Map.of("site", new Site(0))), () -> "id-" + ids.incrementAndGet());
    }

    /** Reads the given histories as the store would: a stream without events is absent. */
    static java.util.function.Function<java.util.Collection<String>, Map<String, StreamHistory>> read(
            Map<String, StreamHistory> streams) {
        return wanted -> {
            Map<String, StreamHistory> found = new java.util.HashMap<>();
            wanted.forEach(stream -> {
                if (streams.containsKey(stream)) {
                    found.put(stream, streams.get(stream));
                }
            });
            return found;
        };
    }

    static final StreamHistory ERASED = new StreamHistory(3, Map.of("note:1", 0L, "erasure:erase-1", 3L));

    @Test
    void aCommandForAnErasedStreamGoesToTheVisitorsNextStream() {
        Decisions decided = decide(Map.of("a", ERASED, "a#1", ERASED), Map.of(), new Note("a", "2", "x"),
                new Note("b", "1", "y"));

        assertThat(decided.events()).extracting(NewEvent::stream, NewEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a#2", 0L),
                        org.assertj.core.groups.Tuple.tuple("b", 0L));
    }

    @Test
    void aClientIdUsedInAnErasedStreamIsNewInTheNextOne() {
        Decisions decided = decide(Map.of("a", ERASED), Map.of("a\nnote:1", new Earlier<>("old", new Noted("a", "1", "x"))),
                new Note("a", "1", "x"));

        assertThat(decided.events()).extracting(NewEvent::stream).containsExactly("a#1");
    }

    @Test
    void anErasureSentAgainIsAnsweredFromTheStreamItErased() {
        Decisions decided = decide(Map.of("a", ERASED),
                Map.of("a\nerasure:erase-1", new Earlier<>("erasure", new Noted("a", "erase-1", "x"))),
                new Note("a", "erase-1", "x"), new Note("a", "erase-2", "x"));

        assertThat(decided.outcomes().get(0).receipt()).isEqualTo("replay of erasure");
        assertThat(decided.events()).extracting(NewEvent::stream).containsExactly("a#1");
    }

    @Test
    void eachDecisionSeesWhereItsStreamStandsWithTheGroupsEarlierEvents() {
        decide(Map.of("a", new StreamHistory(4, Map.of())), Map.of(), new Note("a", "1", "x"), new Note("a", "2", "x"),
                new Note("b", "1", "x"));

        assertThat(notes.headsSeen).containsExactly(4L, 5L, -1L);
    }

    @Test
    void aCommandAfterAnErasureInTheSameGroupIsAskedToComeAgain() {
        Decisions decided = decide(Map.of(), Map.of(), new Note("a", "1", "x"), new Note("a", "erase-1", "x"),
                new Note("a", "2", "x"));

        assertThat(decided.events()).hasSize(2);
        assertThat(decided.outcomes().get(2).rejection().kind()).isEqualTo(LedgerRejection.Kind.UNAVAILABLE);
    }

    @Test
    void eventsOfOneStreamTakeTheNextPositionsAfterTheStoredOnes() {
        Decisions decided = decide(Map.of("a", new StreamHistory(4, Map.of("note:old", 2L))), Map.of(),
                new Note("a", "1", "x"), new Note("b", "1", "y"), new Note("a", "2", "z"));

        assertThat(decided.events()).extracting(NewEvent::stream, NewEvent::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 5L),
                        org.assertj.core.groups.Tuple.tuple("b", 0L), org.assertj.core.groups.Tuple.tuple("a", 6L));
        assertThat(decided.streams().get("a")).isEqualTo(new StreamHistory(6,
                Map.of("note:old", 2L, "note:1", 5L, "note:2", 6L)));
        assertThat(decided.outcomes()).allMatch(Outcome::recorded);
    }

    @Test
    void anIdSentTwiceInOneGroupIsRecordedOnceAndReplayedTheSecondTime() {
        Decisions decided = decide(Map.of(), Map.of(), new Note("a", "1", "x"), new Note("a", "1", "x"));

        assertThat(decided.events()).hasSize(1);
        String eventId = decided.events().get(0).eventId();
        assertThat(decided.outcomes().get(0).receipt()).isEqualTo("receipt of " + eventId);
        assertThat(decided.outcomes().get(1).recorded()).isFalse();
        assertThat(decided.outcomes().get(1).receipt()).isEqualTo("replay of " + eventId);
    }

    @Test
    void anIdStoredBeforeIsReplayedFromItsEarlierEvent() {
        Decisions decided = decide(Map.of("a", new StreamHistory(0, Map.of("note:1", 0L))),
                Map.of("a\nnote:1", new Earlier<>("stored", new Noted("a", "1", "x"))), new Note("a", "1", "x"));

        assertThat(decided.events()).isEmpty();
        assertThat(decided.outcomes().get(0).receipt()).isEqualTo("replay of stored");
        assertThat(decided.streams()).isEmpty();
    }

    @Test
    void aRefusalChangesNothingForTheCommandsAfterIt() {
        Decisions decided = decide(Map.of(), Map.of(), new Note("a", "1", ""), new Note("a", "2", "x"));

        assertThat(decided.outcomes().get(0).rejection().field()).isEqualTo("text");
        assertThat(decided.events()).extracting(NewEvent::sequence).containsExactly(0L);
    }

    @Test
    void eachDecisionSeesTheSiteAsTheGroupsEarlierEventsLeftIt() {
        decide(Map.of(), Map.of(), new Note("a", "1", "x"), new Note("b", "1", ""), new Note("c", "1", "y"));

        assertThat(notes.sitesSeen).containsExactly(0, 1, 1);
    }

    @Test
    void eachEventRecordsTheCommandItCameFrom() {
        Decisions decided = decide(Map.of(), Map.of(), new Note("a", "1", "x"));

        NewEvent event = decided.events().get(0);
        assertThat(event.commandId()).isNotEqualTo(event.eventId());
        assertThat(event.streamType()).isEqualTo("Notes");
        assertThat(event.payload()).isEqualTo(new Noted("a", "1", "x"));
    }
}
