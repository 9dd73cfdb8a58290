package org.consentledger.ledger.evidence;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentledger.api.EventType;
import org.consentledger.api.SealedPart;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.evidence.StoredEvents.Stored;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.ledger.personal.PersonalParts;
import org.consentledger.ledger.store.StreamPositions;
import org.consentledger.projections.consent.RenewalWindow;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.store.personal.FormatOneStreams;
import org.consentledger.support.Waiting;
import org.consentledger.verifier.CanonicalJson;
import org.consentledger.verifier.Decision;
import org.consentledger.verifier.EvidenceBundle;
import org.consentledger.verifier.MultiInclusionProof;
import org.consentledger.verifier.PointInTimeResolver;
import org.consentledger.verifier.SignedCheckpoint;
import org.consentledger.verifier.SubtreeHashes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts together the evidence for one answer: the visitor's events and the site's policy versions as stored and
 * hashed, each with its proof of inclusion in a signed checkpoint, the answer the ledger's rule gives from exactly
 * those events, and a signature over the whole. {@code BundleVerifier} checks it with the public key alone.
 */
@Component
public class EvidenceBundles {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration LOG_WAIT = Duration.ofSeconds(10);

    private final StoredEvents store;
    private final EvidenceLog log;
    private final Checkpoints checkpoints;
    private final CheckpointKey key;
    private final StreamPositions positions;
    private final Clock clock;
    private final int maxEvents;
    private final VisitorStreams streams;
    private final DataKeys keys;
    private final FormatOneStreams formatOne;
    private final Duration renewBefore;

    EvidenceBundles(StoredEvents store, EvidenceLog log, Checkpoints checkpoints, CheckpointKey key,
                    StreamPositions positions, Clock clock, EvidenceProperties properties, VisitorStreams streams,
                    DataKeys keys, FormatOneStreams formatOne, RenewalWindow renewal) {
        this.formatOne = formatOne;
        this.renewBefore = renewal.renewBefore();
        this.streams = streams;
        this.keys = keys;
        this.store = store;
        this.log = log;
        this.checkpoints = checkpoints;
        this.key = key;
        this.positions = positions;
        this.clock = clock;
        this.maxEvents = properties.maxBundleEvents();
    }

    /** The bundle, as the JSON bytes that were signed. */
    public byte[] bundle(String siteId, String visitorId, Instant at, Instant asOf) {
        List<VisitorStreams.Erasure> erased = new ArrayList<>();
        String visitorStream = bundledStream(siteId, visitorId, erased);
        Optional<DataKey> dataKey = keys.current(visitorStream);
        List<String> streamsBundled = new ArrayList<>(List.of(siteId));
        streamsBundled.addAll(FormatOneEvents.streamsWith(siteId, visitorId, visitorStream,
                streams.first(siteId, visitorId), erased.stream().anyMatch(e -> e.stream().equals(visitorStream)),
                formatOne.any()));
        long stored = store.count(streamsBundled);
        if (stored > maxEvents) {
            throw LedgerRejection.invalid("visitorId", ("visitor '%s' and the site's policy versions and notices are "
                    + "%,d events, more than the %,d one evidence bundle holds (ledger.evidence.max-bundle-events)")
                    .formatted(visitorId, stored, maxEvents));
        }
        List<Stored> events = streamsBundled.stream().flatMap(stream -> store.stream(stream).stream())
                .filter(e -> FormatOneEvents.redacted(e) || !recordedAt(e).isAfter(asOf))
                .toList();
        awaitLogged(events);
        SignedCheckpoint checkpoint = checkpoints.checkpoint().orElseThrow();
        SubtreeHashes subtrees = new TiledTree(log);

        // The events as the bundle's JSON holds them (EvidenceBundle.LoggedEvent), built here around the payloads
        // already read rather than converted from records: a copy of every payload less for a visitor with many.
        ArrayNode logged = JSON.createArrayNode();
        List<CookiePolicyPublished> policies = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        Map<Long, EvidenceLog.Leaf> leaves = log.leavesAtPlaces(events.stream().map(Stored::globalIndex).toList());
        for (Stored event : events) {
            EvidenceLog.Leaf leaf = leaves.get(event.globalIndex());
            if (leaf == null || !leaf.eventId().equals(event.eventId())) {
                // The audit names such a leaf; a bundle cannot be evidence of an event the log does not hold.
                throw new IllegalStateException("the evidence log holds no leaf for event " + event.eventId()
                        + " at its place " + event.globalIndex());
            }
            ObjectNode entry = logged.addObject()
                    .put("format", EventType.formatOf(event.type()))
                    .put("eventId", event.eventId())
                    .put("type", event.type())
                    .put("stream", event.stream())
                    .put("sequence", event.sequence());
            EventType type = EventType.ofStoredName(event.type()).orElseThrow(() ->
                    new IllegalStateException("event " + event.eventId() + " is of no type the ledger knows"));
            Object payload = EventType.formatOf(event.type()) == 1 ? formatOne(entry, event, type)
                    : formatTwo(entry, event, type, dataKey);
            entry.put("previousHash", event.previousHash())
                    .put("hash", event.hash())
                    .put("leafIndex", leaf.leafIndex());
            if (payload instanceof CookiePolicyPublished policy) {
                policies.add(policy);
            } else {
                Decision.ofRecord(payload, event.eventId(), event.sequence()).ifPresent(decisions::add);
            }
        }
        // One proof for every event: a visitor's events share the upper nodes of their paths to the root.
        long[] places = leaves.values().stream().mapToLong(EvidenceLog.Leaf::leafIndex).sorted().toArray();
        List<String> logProof = MultiInclusionProof.build(subtrees, places, checkpoint.treeSize()).stream()
                .map(HexFormat.of()::formatHex).toList();
        EvidenceBundle unsigned = new EvidenceBundle(EvidenceBundle.VERSION_3, UUID.randomUUID().toString(),
                clock.instant(), siteId, visitorId, at, asOf,
                PointInTimeResolver.resolve(new ConsentAt(siteId, visitorId, at, asOf), policies, decisions,
                        renewBefore),
                List.of(), checkpoint, logProof, null);
        // Signed as the verifier will see it: the bundle's JSON without the signature, in RFC 8785 form.
        ObjectNode tree = JSON.valueToTree(unsigned);
        tree.remove("signature");
        tree.set("events", logged);
        // About what an event takes, so that a bundle of many is written without regrowing.
        byte[] signed = CanonicalJson.canonicalize(tree, (int) Math.min(Integer.MAX_VALUE - 16,
                64_000L + 1_000L * events.size()));
        byte[] signature = key.sign(signed);
        // Served as those very bytes with the signature added as a last member, rather than written out again.
        byte[] member = (",\"signature\":\"" + Base64.getEncoder().encodeToString(signature) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] bundle = Arrays.copyOf(signed, signed.length - 1 + member.length);
        System.arraycopy(member, 0, bundle, signed.length - 1, member.length);
        return bundle;
    }

    /**
     * The visitor's current stream; for a visitor erased and not seen since, the stream erased last, whose bundle
     * proves the erasure and the public parts of what it held.
     */
    private String bundledStream(String siteId, String visitorId, List<VisitorStreams.Erasure> erased) {
        String current = streams.current(siteId, visitorId, erased);
        return erased.isEmpty() || store.count(List.of(current)) > 0 ? current
                : erased.get(erased.size() - 1).stream();
    }

    /** A format 1 event as it was stored; the record it holds, none once it was redacted. */
    private static Object formatOne(ObjectNode entry, Stored event, EventType type) {
        entry.set("payload", event.payload());
        return FormatOneEvents.redacted(event) ? null : JSON.treeToValue(event.payload(), type.formatOneType());
    }

    private static Instant recordedAt(Stored event) {
        return Instant.parse(event.payload().get("recordedAt").asString());
    }

    /**
     * A format 2 event: its public part, its commitment and its personal part opened with the stream's key (its salt
     * and fields, which the verifier checks against the commitment), or {@code "erased"} once the key is gone. The
     * record it holds counts for the answer only while its personal part shows whose it is.
     */
    private static Object formatTwo(ObjectNode entry, Stored event, EventType type, Optional<DataKey> key) {
        // The payload was read for this bundle alone: it becomes the public part in place, without a copy.
        ObjectNode publicPart = (ObjectNode) event.payload();
        JsonNode personal = publicPart.remove(EventChain.PERSONAL);
        entry.set("public", publicPart);
        String commitment = personal == null || personal.isNull() ? null : personal.required("commitment").asString();
        entry.put("commitment", commitment);
        Object record = JSON.treeToValue(publicPart, type.payloadType());
        if (commitment == null) {
            entry.putNull("personal");
            return record;
        }
        if (key.isEmpty()) {
            entry.put("personal", "erased");
            return null;
        }
        byte[] bytes = Base64.getDecoder().decode(personal.required("sealed").asString());
        SealedPart sealed = new SealedPart(commitment, bytes);
        // The verifier checks the part against its commitment, so it is not checked here a second time.
        PersonalParts.OpenedFields opened = PersonalParts.openFields(sealed, event.eventId(), key.get(), false);
        entry.putObject("personal").put("salt", HexFormat.of().formatHex(opened.salt())).set("fields", opened.fields());
        return record;
    }

    /** Evidence can only cite events the log has taken in; the log follows the store within moments. */
    private void awaitLogged(List<Stored> events) {
        long needed = events.stream().mapToLong(Stored::globalIndex).max().orElse(-1);
        if (!Waiting.until(() -> positions.position(MerkleLog.NAME) >= needed, LOG_WAIT)) {
            throw new LedgerRejection(LedgerRejection.Kind.UNAVAILABLE, null,
                    "the evidence log has not taken in the newest events yet; ask again in a few seconds");
        }
    }
}
