package org.consentledger.ledger.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.consentledger.api.EventType;
import org.consentledger.api.PersonalEvent;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.signals.GppConsent;
import org.consentledger.api.signals.TcfConsent;
import org.consentledger.ledger.evidence.StoredEvents.Stored;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.personal.UnreadableSeal;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.projections.ParkedStreams;
import org.consentledger.projections.ReadModelProcessor;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.store.personal.ErasedStreams;
import org.consentledger.store.readmodels.ConsentHistoryTable;
import org.consentledger.store.readmodels.PolicyCatalogTable;
import org.consentledger.support.Waiting;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.EventHash;
import org.consentledger.verifier.MerkleFrontier;
import org.consentledger.verifier.SignedCheckpoint;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the whole ledger from its tables, trusting nothing the ledger computed before: every event's hash is
 * recomputed from its stored form, every stream's chain is followed, the Merkle log's leaves are matched to the
 * store's order, every checkpoint's root and signature are checked again, and the consent history that answers are
 * made from is held against the events (a row changed, missing or added behind the ledger's back), as are the
 * files of every notice against the digests its event holds ({@link NoticeFiles}). Reports the
 * first thing that does not match, naming the event and its stream.
 */
@Component
public class LedgerAudit {

    private static final int PAGE = 1_000;
    private static final Set<String> DECISIONS = Set.of(EventType.CONSENT_GIVEN.formatOneName(),
            EventType.CONSENT_GIVEN.stableName(), EventType.CONSENT_WITHDRAWN.formatOneName(),
            EventType.CONSENT_WITHDRAWN.stableName());
    private static final Set<String> PUBLISHED = Set.of(EventType.POLICY_PUBLISHED.formatOneName(),
            EventType.POLICY_PUBLISHED.stableName());
    private static final java.time.Duration LOG_SETTLE = java.time.Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StoredEvents store;
    private final EvidenceLog evidence;
    private final CheckpointKey key;
    private final ConsentHistoryTable history;
    private final StreamPositions positions;
    private final ParkedStreams parked;
    private final PolicyCatalogTable catalog;
    private final DataKeys keys;
    private final ErasedStreams erasures;
    private final VisitorStreams visitorStreams;
    private final NoticeFiles notices;

    LedgerAudit(StoredEvents store, EvidenceLog evidence, CheckpointKey key, ConsentHistoryTable history,
                StreamPositions positions, ParkedStreams parked, PolicyCatalogTable catalog, DataKeys keys,
                ErasedStreams erasures, VisitorStreams visitorStreams, NoticeFiles notices) {
        this.notices = notices;
        this.visitorStreams = visitorStreams;
        this.keys = keys;
        this.erasures = erasures;
        this.catalog = catalog;
        this.store = store;
        this.evidence = evidence;
        this.key = key;
        this.history = history;
        this.positions = positions;
        this.parked = parked;
    }

    /**
     * @param erasedEvents of the events checked, those of erased visitor streams: their personal parts can no longer
     *                     be opened, their public parts and hashes are checked like any other
     * @param problem      null when everything checked out
     */
    public record Report(boolean intact, long eventsChecked, long erasedEvents, long leavesChecked,
                         long checkpointsChecked, Problem problem) {
    }

    /** What did not match, and where. */
    public record Problem(String eventId, Long globalIndex, String stream, Long sequence, String description) {
    }

    private record Link(long sequence, String hash) {
    }

    public Report verify() {
        Map<String, Link> streams = new HashMap<>();
        long leaves = evidence.size();
        // Two writers commit out of index order, so the log may take events in a different order than their
        // indexes: leaves are matched to events by the place they recorded, not by their own position.
        long logReached = awaitLogWithoutHoles();
        long checked = 0;
        long erased = 0;
        // First what the log holds that the store lost: a removed event is named as itself.
        for (EvidenceLog.Leaf orphan : evidence.orphans()) {
            return new Report(false, 0, 0, leaves, 0, new Problem(orphan.eventId(), orphan.globalIndex(), null, null,
                    "event %s, leaf %d of the log, is no longer in the store where the log recorded it (place %d)"
                            .formatted(orphan.eventId(), orphan.leafIndex(), orphan.globalIndex())));
        }
        // Answers are made from the consent history and quote the policy catalog, so both are held against the events
        // they were made from: every row up to where they have read, and no row that no event was made into.
        long historyReached = positions.position(ReadModelProcessor.NAME);
        // A parked stream's events are not in the history on purpose, and no answer is made from it until retried.
        Set<String> parkedStreams = parked.all();
        long after = -1;
        for (List<Stored> page = store.after(after, PAGE); !page.isEmpty(); page = store.after(after, PAGE)) {
            Map<Long, EvidenceLog.Leaf> logged = evidence.leavesAt(page.get(0).globalIndex(),
                    page.get(page.size() - 1).globalIndex());
            for (Stored event : page) {
                Problem problem = check(event, streams);
                if (problem == null) {
                    problem = notices.problemOf(event).map(description -> problem(event, description)).orElse(null);
                }
                EvidenceLog.Leaf leaf = logged.get(event.globalIndex());
                if (problem == null && leaf == null && event.globalIndex() < logReached) {
                    problem = problem(event, "the log went past its place without recording it: it was added behind the log's back");
                }
                if (problem == null && leaf != null && !leaf.eventId().equals(event.eventId())) {
                    problem = problem(event, "the log recorded event %s at this place (leaf %d)".formatted(leaf.eventId(),
                            leaf.leafIndex()));
                }
                if (problem == null && leaf != null && !leaf.eventHash().equals(event.hash())) {
                    problem = problem(event, "the log recorded its hash as %s, the store now gives %s"
                            .formatted(leaf.eventHash(), event.hash()));
                }
                if (problem != null) {
                    return new Report(false, checked, erased, 0, 0, problem);
                }
                checked++;
                after = event.globalIndex();
            }
            Map<String, ErasedStreams.Erased> erasedStreams = erasures.of(visitorStreams(page));
            erased += page.stream().filter(e -> erasedStreams.containsKey(e.stream()) || FormatOneEvents.redacted(e))
                    .count();
            Problem row = redactionProblem(page, erasedStreams);
            if (row == null) {
                row = personalProblem(page, erasedStreams);
            }
            if (row == null) {
                row = historyProblem(page, historyReached, parkedStreams, erasedStreams.keySet());
            }
            if (row == null) {
                row = catalogProblem(page, historyReached, parkedStreams);
            }
            if (row != null) {
                return new Report(false, checked, erased, 0, 0, row);
            }
        }
        Optional<PolicyCatalogTable.Row> forgedVersion = catalog.rowWithoutEvent();
        if (forgedVersion.isPresent()) {
            PolicyCatalogTable.Row row = forgedVersion.get();
            return new Report(false, checked, erased, 0, 0, new Problem(row.eventId(), null, row.siteId(), null,
                    "the policy catalog holds version %d of site %s as event %s, which is not in the store"
                            .formatted(row.version(), row.siteId(), row.eventId())));
        }
        Optional<ConsentHistoryTable.Row> forged = history.rowWithoutEvent();
        if (forged.isPresent()) {
            ConsentHistoryTable.Row row = forged.get();
            String stream = row.siteId() + "/" + row.visitorId();
            return new Report(false, checked, erased, 0, 0, new Problem(row.decision().eventId(), null, stream, null,
                    "the consent history holds a row for event %s of stream %s, which is not in the store"
                            .formatted(row.decision().eventId(), stream)));
        }
        long checkpoints = 0;
        // Checkpoints come smallest first, so one tree grown leaf by leaf gives every root: the leaves are read once.
        MerkleFrontier tree = MerkleFrontier.empty();
        List<EvidenceLog.Node> computedTiles = new ArrayList<>();
        for (SignedCheckpoint checkpoint : evidence.checkpoints()) {
            String problem = checkpointProblem(checkpoint, leaves, tree, computedTiles);
            if (problem != null) {
                return new Report(false, checked, erased, leaves, checkpoints, new Problem(null, null, null, null, problem));
            }
            checkpoints++;
        }
        // The stored subtrees that proofs are made from must be those of the leaves.
        Map<String, String> tiles = new HashMap<>();
        computedTiles.forEach(node -> tiles.put(node.level() + "/" + node.index(), node.hash()));
        for (EvidenceLog.Node node : evidence.nodes()) {
            String expected = tiles.get(node.level() + "/" + node.index());
            if (!node.hash().equals(expected)) {
                return new Report(false, checked, erased, leaves, checkpoints, new Problem(null, null, null, null,
                        "the log's stored subtree %d/%d holds %s, but its leaves give %s: proofs made from it would "
                                .formatted(node.level(), node.index(), node.hash(), expected) + "not verify"));
            }
        }
        return new Report(true, checked, erased, leaves, checkpoints, null);
    }

    /**
     * Events committed out of index order reach the log a moment after those around them; give it that moment
     * (up to {@link #LOG_SETTLE}), so that what is still missing afterwards is a real problem, not a late commit.
     */
    private long awaitLogWithoutHoles() {
        long[] reached = {evidence.furthestGlobalIndex()};
        Waiting.until(() -> {
            if (evidence.unloggedBelow(reached[0]) == 0) {
                return true;
            }
            reached[0] = evidence.furthestGlobalIndex();
            return false;
        }, LOG_SETTLE);
        return reached[0];
    }

    private Problem check(Stored event, Map<String, Link> streams) {
        String hash = event.hash();
        String previous = event.previousHash();
        if (hash == null || previous == null) {
            return problem(event, "the event carries no hash");
        }
        Link last = streams.get(event.stream());
        long expectedSequence = last == null ? 0 : last.sequence() + 1;
        if (event.sequence() != expectedSequence) {
            return problem(event, "its stream goes from sequence %d to %d: an event is missing or was added"
                    .formatted(expectedSequence - 1, event.sequence()));
        }
        String expectedPrevious = last == null ? EventHash.GENESIS : last.hash();
        if (!previous.equals(expectedPrevious)) {
            return problem(event, "it names %s as the hash before it, but the event before it in its stream has %s"
                    .formatted(previous, expectedPrevious));
        }
        if (event.payload() == null) {
            return problem(event, "its stored form cannot be read");
        }
        if (FormatOneEvents.redacted(event)) {
            // Its content is gone with its visitor's erasure (checked with its page): its place and link still count.
            streams.put(event.stream(), new Link(event.sequence(), hash));
            return null;
        }
        String recomputed;
        try {
            recomputed = StoredHashes.recompute(event);
        } catch (RuntimeException e) {
            return problem(event, "its stored form cannot be read: " + e.getMessage());
        }
        if (!recomputed.equals(hash)) {
            return problem(event, "its content does not match its hash (stored %s, recomputed %s)".formatted(hash, recomputed));
        }
        streams.put(event.stream(), new Link(event.sequence(), hash));
        return null;
    }

    /**
     * The streams of visitors among these events (a site's policy stream is named by the site alone), and for a
     * redacted format 1 stream the stream whose erasure redacted it.
     */
    private static List<String> visitorStreams(List<Stored> page) {
        return page.stream().map(Stored::stream).filter(s -> s.indexOf('/') > 0)
                .flatMap(s -> FormatOneEvents.erasedStreamOf(s).map(erased -> Stream.of(s, erased)).orElse(Stream.of(s)))
                .distinct().toList();
    }

    /**
     * The first redacted format 1 event that no erasure redacted: its stream must be named after a visitor stream that
     * an erasure closed, otherwise a decision was made to count for nothing behind the ledger's back.
     */
    private static Problem redactionProblem(List<Stored> page, Map<String, ErasedStreams.Erased> erasedStreams) {
        for (Stored event : page) {
            if (FormatOneEvents.redacted(event) && FormatOneEvents.erasedStreamOf(event.stream())
                    .filter(erasedStreams::containsKey).isEmpty()) {
                return problem(event, "its content was redacted, but no erasure of its visitor was recorded");
            }
        }
        return null;
    }

    /**
     * The first event with a sealed personal part that does not open to what its hash covers: its stream's data key
     * is gone though no erasure was recorded (destroyed behind the ledger's back), or the sealed bytes were replaced.
     */
    private Problem personalProblem(List<Stored> page, Map<String, ErasedStreams.Erased> erasedStreams) {
        List<Stored> sealed = page.stream().filter(e -> e.payload() != null && EventType.formatOf(e.type()) == 2
                && StoredHashes.commitment(e.payload()) != null && !erasedStreams.containsKey(e.stream())).toList();
        if (sealed.isEmpty()) {
            return null;
        }
        Map<String, DataKey> streamKeys;
        try {
            streamKeys = keys.current(sealed.stream().map(Stored::stream).distinct().toList());
        } catch (UnreadableSeal e) {
            return problem(sealed.get(0), "a data key of its page cannot be unwrapped: " + e.getMessage());
        }
        for (Stored event : sealed) {
            DataKey key = streamKeys.get(event.stream());
            if (key == null) {
                return problem(event, "its stream %s has no data key, yet no erasure was recorded for it: its personal "
                        .formatted(event.stream()) + "part cannot be opened");
            }
            try {
                PersonalEvent<?, ?> payload = (PersonalEvent<?, ?>) JSON.treeToValue(event.payload(),
                        EventType.ofStoredName(event.type()).orElseThrow().payloadType());
                PersonalParts.openFields(payload, event.eventId(), key);
            } catch (RuntimeException e) {
                return problem(event, "its personal part does not open to what its hash covers: " + e.getMessage());
            }
        }
        return null;
    }

    /**
     * The first of these events whose row in the consent history says other than the event does; an erased stream's
     * events have no rows.
     */
    private Problem historyProblem(List<Stored> page, long reached, Set<String> parkedStreams, Set<String> erased) {
        Map<String, Stored> decisions = applied(page, reached, parkedStreams, DECISIONS);
        decisions.values().removeIf(event -> erased.contains(event.stream()) || FormatOneEvents.redacted(event));
        Map<String, ConsentHistoryTable.Row> rows = history.rows(decisions.keySet());
        for (Stored event : decisions.values()) {
            ConsentHistoryTable.Row row = rows.get(event.eventId());
            if (row == null) {
                return problem(event, "the consent history, which answers are made from, has no row for it");
            }
            Decision expected = decision(event);
            if (!row.decision().equals(expected)
                    || !(row.siteId() + "/" + row.visitorId()).equals(historyStream(event))) {
                return problem(event, "the consent history, which answers are made from, holds %s for it; the event "
                        + "says %s".formatted(row.decision(), expected));
            }
            TcfConsent tcf = member(event, "tcf", TcfConsent.class);
            GppConsent gpp = member(event, "gpp", GppConsent.class);
            if (!Objects.equals(row.tcf(), tcf) || !Objects.equals(row.gpp(), gpp)) {
                return problem(event, ("the consent history, which TCF and GPP answers are made from, holds %s and %s "
                        + "as what its strings say; the event says %s and %s").formatted(row.tcf(), row.gpp(), tcf,
                        gpp));
            }
        }
        return null;
    }

    private static <T> T member(Stored event, String name, Class<T> type) {
        JsonNode member = event.payload().get(name);
        return member == null || member.isNull() ? null : JSON.treeToValue(member, type);
    }

    /** The first of these policy versions whose row in the policy catalog says other than its event does. */
    private Problem catalogProblem(List<Stored> page, long reached, Set<String> parkedStreams) {
        Map<String, Stored> published = applied(page, reached, parkedStreams, PUBLISHED);
        if (published.isEmpty()) {
            return null;
        }
        Map<String, PolicyCatalogTable.Row> rows = catalog.rows(published.keySet());
        for (Stored event : published.values()) {
            PolicyCatalogTable.Row row = rows.get(event.eventId());
            if (row == null) {
                return problem(event, "the policy catalog, which answers quote, has no row for it");
            }
            JsonNode document;
            try {
                document = JSON.readTree(row.document());
            } catch (RuntimeException unreadable) {
                document = null;
            }
            if (!samePolicy(event.payload(), document) || !row.siteId().equals(event.stream())
                    || row.version() != event.payload().path("policy").path("version").asInt(-1)) {
                return problem(event, ("the policy catalog, which answers quote, holds version %d of site %s for "
                        + "it with a document other than the event's").formatted(row.version(), row.siteId()));
            }
        }
        return null;
    }

    /**
     * Whether the catalog's document says what the event says. Compared as the record both are read into: a version
     * stored before a member was added to policies does not hold it, and the catalog rebuilt since holds it empty.
     */
    private static boolean samePolicy(JsonNode stored, JsonNode document) {
        if (stored.equals(document)) {
            return true;
        }
        try {
            return document != null && JSON.treeToValue(stored, CookiePolicyPublished.class)
                    .equals(JSON.treeToValue(document, CookiePolicyPublished.class));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * The events of these types, by id, that the read models have applied: read by them (up to {@code reached})
     * and not parked.
     */
    private static Map<String, Stored> applied(List<Stored> page, long reached, Set<String> parkedStreams,
                                               Set<String> types) {
        Map<String, Stored> applied = new LinkedHashMap<>();
        for (Stored event : page) {
            if (event.globalIndex() <= reached && !parkedStreams.contains(event.stream())
                    && event.type() != null && types.contains(event.type())) {
                applied.put(event.eventId(), event);
            }
        }
        return applied;
    }

    /**
     * The stream whose key the history keeps the event's row under: its own, or for an event of format 1 (whose stream
     * named the visitor) the visitor's first pseudonymous stream.
     */
    private String historyStream(Stored event) {
        if (EventType.formatOf(event.type()) == 2) {
            return event.stream();
        }
        JsonNode payload = event.payload();
        return visitorStreams.first(payload.path("siteId").asString(""), payload.path("visitorId").asString(""));
    }

    private static Decision decision(Stored event) {
        Object payload = JSON.treeToValue(event.payload(), EventType.ofStoredName(event.type()).orElseThrow()
                .typeStoredAs(event.type()));
        return Decision.ofRecord(payload, event.eventId(), event.sequence()).orElseThrow();
    }

    private String checkpointProblem(SignedCheckpoint checkpoint, long leaves, MerkleFrontier tree,
                                     List<EvidenceLog.Node> tiles) {
        if (checkpoint.treeSize() > leaves) {
            return "checkpoint of size %d covers more leaves than the log has (%d)".formatted(checkpoint.treeSize(), leaves);
        }
        evidence.extend(tree, checkpoint.treeSize(), TiledTree.collector(tiles));
        String root = HexFormat.of().formatHex(tree.root());
        if (!root.equals(checkpoint.rootHash())) {
            return "checkpoint of size %d says root %s, but the log's first %d leaves give %s"
                    .formatted(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.treeSize(), root);
        }
        if (!checkpoint.keyId().equals(key.keyId())) {
            return "checkpoint of size %d is signed by key %s, not this ledger's key %s"
                    .formatted(checkpoint.treeSize(), checkpoint.keyId(), key.keyId());
        }
        if (!checkpoint.signedBy(key.publicKey())) {
            return "checkpoint of size %d has a signature that does not verify".formatted(checkpoint.treeSize());
        }
        return null;
    }

    private static Problem problem(Stored event, String description) {
        return new Problem(event.eventId(), event.globalIndex(), event.stream(), event.sequence(),
                "event %s (stream %s, sequence %d): %s".formatted(event.eventId(), event.stream(), event.sequence(),
                        description));
    }
}
