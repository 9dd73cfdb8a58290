package org.consentledger.verifier;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentGiven;
import org.consentledger.api.consent.ConsentWithdrawn;
import org.consentledger.api.policy.CookiePolicyPublished;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an evidence bundle with nothing but the ledger's public key, and says in plain words what each check
 * showed. Nothing the bundle claims is taken on trust: hashes, chains, proofs and the answer are all recomputed.
 */
public final class BundleVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Class<?>> TYPES = Arrays.stream(EventType.values())
            .collect(Collectors.toUnmodifiableMap(EventType::formatOneName, EventType::payloadType));

    private BundleVerifier() {
    }

    /**
     * The checks of docs/evidence-format.md, in the order they are made; {@link #id()} is the name the specification
     * and the test vectors give each.
     */
    public enum Check {
        READABLE, VERSION, BUNDLE_SIGNATURE, CHECKPOINT_SIGNATURE, EVENT_HASH, INCLUSION, RECORDED_BY_AS_OF, STREAM,
        CHAIN, ANSWER, EVALUABLE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One thing checked, and whether it held. */
    public record Finding(Check check, boolean holds, String statement) {
    }

    public record Verification(List<Finding> findings) {
        public boolean verified() {
            return !findings.isEmpty() && findings.stream().allMatch(Finding::holds);
        }
    }

    public static Verification verify(String bundleJson, PublicKey key) {
        List<Finding> findings = new ArrayList<>();
        try {
            return check(bundleJson, key, findings);
        } catch (RuntimeException e) {
            // A bundle that makes the checks themselves fail is not evidence of anything.
            findings.add(new Finding(Check.EVALUABLE, false, "The bundle's content cannot be evaluated: " + e));
            return new Verification(findings);
        }
    }

    private static Verification check(String bundleJson, PublicKey key, List<Finding> findings) {
        EvidenceBundle bundle;
        JsonNode tree;
        try {
            // Strictly: with a member given twice, another reader could show the first value where the signature
            // covers the last.
            tree = CanonicalJson.readStrict(bundleJson);
            bundle = JSON.treeToValue(tree, EvidenceBundle.class);
        } catch (RuntimeException e) {
            findings.add(new Finding(Check.READABLE, false,
                    "The bundle is not readable JSON of the expected form: " + e.getMessage()));
            return new Verification(findings);
        }
        String keyId = SignedCheckpoint.Signatures.keyId(key);
        boolean formatOne = EvidenceBundle.VERSION_1.equals(bundle.version());
        findings.add(check(Check.VERSION, formatOne || EvidenceBundle.VERSION.equals(bundle.version()),
                "The bundle is in format " + EvidenceBundle.VERSION_1 + " or " + EvidenceBundle.VERSION + "."));
        ObjectNode unsigned = ((ObjectNode) tree).deepCopy();
        unsigned.remove("signature");
        findings.add(check(Check.BUNDLE_SIGNATURE,
                SignedCheckpoint.Signatures.verify(key, CanonicalJson.canonicalize(unsigned), bundle.signature()),
                "Every byte of the bundle is as the ledger signed it, with key " + keyId + "."));
        SignedCheckpoint checkpoint = bundle.checkpoint();
        findings.add(check(Check.CHECKPOINT_SIGNATURE, checkpoint.keyId().equals(keyId) && checkpoint.signedBy(key),
                "The ledger signed, at %s, that the first %d entries of its log have the root %s."
                        .formatted(checkpoint.signedAt(), checkpoint.treeSize(), checkpoint.rootHash())));

        List<Decision> decisions = new ArrayList<>();
        List<CookiePolicyPublished> policies = new ArrayList<>();
        Map<String, List<EvidenceBundle.LoggedEvent>> streams = new TreeMap<>();
        for (EvidenceBundle.LoggedEvent event : bundle.events()) {
            findings.addAll(checkEvent(event, checkpoint, bundle, formatOne));
            streams.computeIfAbsent(event.stream(), s -> new ArrayList<>()).add(event);
            Object payload = payload(event);
            if (payload instanceof CookiePolicyPublished policy) {
                policies.add(policy);
            } else if (payload instanceof ConsentGiven given) {
                decisions.add(Decision.of(given, event.eventId(), event.sequence()));
            } else if (payload instanceof ConsentWithdrawn withdrawn) {
                decisions.add(Decision.of(withdrawn, event.eventId(), event.sequence()));
            }
        }
        if (!formatOne) {
            findings.add(checkLogProof(bundle));
        }
        streams.forEach((stream, events) -> findings.add(checkChain(stream, events)));

        ConsentAnswer recomputed = PointInTimeResolver.resolve(
                new ConsentAt(bundle.piiController(), bundle.piiPrincipalId(), bundle.at(), bundle.asOf()),
                policies, decisions);
        // A bundle issued before answers stated their basis is held to the rest of its answer.
        if (bundle.answer() != null && bundle.answer().basis() == null) {
            recomputed = recomputed.withoutBasis();
        }
        findings.add(check(Check.ANSWER, recomputed.equals(bundle.answer()),
                "Applying the ledger's rule to these events gives exactly the bundle's answer for visitor %s on %s at %s, as known at %s."
                        .formatted(bundle.piiPrincipalId(), bundle.piiController(), bundle.at(), bundle.asOf())));
        return new Verification(findings);
    }

    private static List<Finding> checkEvent(EvidenceBundle.LoggedEvent event, SignedCheckpoint checkpoint,
                                            EvidenceBundle bundle, boolean formatOne) {
        List<Finding> findings = new ArrayList<>();
        String name = "Event %s (%s #%d)".formatted(event.eventId(), event.stream(), event.sequence());
        boolean hashHolds;
        try {
            hashHolds = EventHash.of(event.eventId(), event.type(), event.stream(), event.sequence(), event.payload(),
                    event.previousHash()).equals(event.hash());
        } catch (RuntimeException e) {
            hashHolds = false;
        }
        findings.add(check(Check.EVENT_HASH, hashHolds,
                name + " has the hash " + event.hash() + ", recomputed from its content."));
        if (formatOne) {
            boolean included;
            try {
                included = MerkleTree.verifyInclusion(event.leafIndex(), checkpoint.treeSize(),
                        MerkleTree.leafHash(HexFormat.of().parseHex(event.hash())),
                        event.inclusionProof().stream().map(HexFormat.of()::parseHex).toList(),
                        HexFormat.of().parseHex(checkpoint.rootHash()));
            } catch (RuntimeException e) {
                included = false;
            }
            findings.add(check(Check.INCLUSION, included,
                    "%s is entry %d of the signed log.".formatted(name, event.leafIndex())));
        }
        JsonNode recordedAt = event.payload().get("recordedAt");
        boolean known = recordedAt != null && !java.time.Instant.parse(recordedAt.asString()).isAfter(bundle.asOf());
        findings.add(check(Check.RECORDED_BY_AS_OF, known,
                "%s was recorded (%s) by asOf.".formatted(name, recordedAt == null ? "?" : recordedAt.asString())));
        String expectedStream = payload(event) instanceof CookiePolicyPublished ? bundle.piiController()
                : bundle.piiController() + "/" + bundle.piiPrincipalId();
        findings.add(check(Check.STREAM, expectedStream.equals(event.stream()),
                "%s belongs to %s.".formatted(name, expectedStream)));
        return findings;
    }

    /** Format 2: the bundle's one log proof leads from every event, at its leaf index, to the checkpoint's root. */
    private static Finding checkLogProof(EvidenceBundle bundle) {
        boolean included;
        try {
            SortedMap<Long, byte[]> leaves = new TreeMap<>();
            boolean distinct = true;
            for (EvidenceBundle.LoggedEvent event : bundle.events()) {
                distinct &= leaves.put(event.leafIndex(),
                        MerkleTree.leafHash(HexFormat.of().parseHex(event.hash()))) == null;
            }
            included = distinct && MultiInclusionProof.verify(leaves, bundle.checkpoint().treeSize(),
                    bundle.logProof().stream().map(HexFormat.of()::parseHex).toList(),
                    HexFormat.of().parseHex(bundle.checkpoint().rootHash()));
        } catch (RuntimeException e) {
            included = false;
        }
        return check(Check.INCLUSION, included, ("The %d events of the bundle are entries of the signed log, each at "
                + "its leafIndex, by the bundle's log proof.").formatted(bundle.events().size()));
    }

    /** The stream's events from its first on, none left out, each naming the one before it. */
    private static Finding checkChain(String stream, List<EvidenceBundle.LoggedEvent> events) {
        List<EvidenceBundle.LoggedEvent> ordered = events.stream()
                .sorted(Comparator.comparingLong(EvidenceBundle.LoggedEvent::sequence)).toList();
        String previous = EventHash.GENESIS;
        for (int i = 0; i < ordered.size(); i++) {
            EvidenceBundle.LoggedEvent event = ordered.get(i);
            if (event.sequence() != i || !previous.equals(event.previousHash())) {
                return new Finding(Check.CHAIN, false,
                        "The events of %s do not form an unbroken chain from its first event: %s #%d"
                                .formatted(stream, event.eventId(), event.sequence()));
            }
            previous = event.hash();
        }
        return new Finding(Check.CHAIN, true,
                "The %d events of %s form an unbroken chain from its first event on: none is left out or reordered."
                        .formatted(ordered.size(), stream));
    }

    private static Object payload(EvidenceBundle.LoggedEvent event) {
        Class<?> type = TYPES.get(event.type());
        if (type == null) {
            return null;
        }
        try {
            return JSON.treeToValue(event.payload(), type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Finding check(Check check, boolean holds, String statement) {
        return new Finding(check, holds, statement);
    }
}
