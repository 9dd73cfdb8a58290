package org.consentledger.verifier;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.policy.CookiePolicyPublished;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds signed bundles of format 3 the way docs/evidence-format.md says the ledger does (§4 to §9, §14): a Merkle
 * log of the appended events and of other sites' and visitors' leaves, a checkpoint and a bundle signed with an
 * Ed25519 key made for the test. Events are appended in log order; each gets the next sequence of its stream.
 */
final class FormatThreeBundles {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SITE = "smartbump.opendatasoft.com";
    static final String VISITOR = "alice";
    /** A visitor stream of format 2, named by an opaque pseudonym. */
    static final String SUBJECT_STREAM = SITE + "/p-7c1e4b9a";
    static final Instant SIGNED_AT = Instant.parse("2026-06-01T12:00:00.123456Z");

    /** One key for every bundle, so that the bundles written for the second verifier share it. */
    static final KeyPair KEYS = keyPair();

    private final Random random = new Random(20261206);
    private final List<byte[]> leaves = new ArrayList<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> lastHashes = new HashMap<>();
    private boolean forging;

    /** A leaf of an event that is not in the bundle. */
    FormatThreeBundles otherLeaf() {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        leaves.add(MerkleTree.leafHash(hash));
        return this;
    }

    /** Appends an event of format 1 (type by its format 1 name), as the bundle lists it. */
    ObjectNode formatOne(String type, String stream, JsonNode payload) {
        ObjectNode event = start(1, type, stream);
        event.set("payload", payload);
        return finish(event, EventHash.of(event.get("eventId").asString(), type, stream,
                event.get("sequence").asLong(), payload, event.get("previousHash").asString()));
    }

    /** Appends an event of format 2 (type by its stable name); {@code fields} null for none. */
    ObjectNode formatTwo(String type, String stream, JsonNode publicPart, JsonNode fields) {
        ObjectNode event = start(2, type, stream);
        event.set("public", publicPart);
        String commitment = null;
        if (fields == null) {
            event.putNull("personal");
        } else {
            byte[] salt = new byte[PersonalCommitment.SALT_BYTES];
            random.nextBytes(salt);
            commitment = PersonalCommitment.of(salt, fields);
            event.putObject("personal").put("salt", HexFormat.of().formatHex(salt)).set("fields", fields);
        }
        event.put("commitment", commitment);
        return finish(event, EventHash.ofFormatTwo(event.get("eventId").asString(), type, stream,
                event.get("sequence").asLong(), publicPart, commitment, event.get("previousHash").asString()));
    }

    /**
     * Makes the next appended event a forgery: hashed and chained as the ledger would, but not in the log and not in
     * the bundles made after it; the caller adds it to a bundle.
     */
    FormatThreeBundles forgeNext() {
        forging = true;
        return this;
    }

    /** What the ledger keeps of an event once its visitor is erased. */
    static void erase(ObjectNode event) {
        event.put(event.get("format").asInt() == 1 ? "payload" : "personal", BundleEvent.ERASED);
    }

    /** A signed bundle of every appended event, its answer computed by the ledger's rule. */
    ObjectNode bundle(Instant at, Instant asOf) {
        ArrayNode logged = JSON.createArrayNode();
        events.forEach(e -> logged.add(e.deepCopy()));
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("version", EvidenceBundle.VERSION_3)
                .put("receiptId", "receipt-" + random.nextInt(1_000_000))
                .put("issuedAt", SIGNED_AT.plusSeconds(1).toString())
                .put("piiController", SITE)
                .put("piiPrincipalId", VISITOR)
                .put("at", at.toString())
                .put("asOf", asOf.toString());
        bundle.set("events", logged);
        bundle.set("checkpoint", JSON.valueToTree(checkpoint()));
        return withAnswer(withLogProof(bundle));
    }

    /** The bundle with its answer and basis recomputed from its events, and signed again. */
    ObjectNode withAnswer(ObjectNode bundle) {
        List<CookiePolicyPublished> policies = new ArrayList<>();
        List<Decision> decisions = new ArrayList<>();
        for (JsonNode node : bundle.get("events")) {
            EvidenceBundle.LoggedEvent event = JSON.treeToValue(node, EvidenceBundle.LoggedEvent.class);
            Object content = BundleEvent.of(event, true).content();
            if (content instanceof CookiePolicyPublished policy) {
                policies.add(policy);
            } else {
                Decision.ofRecord(content, event.eventId(), event.sequence()).ifPresent(decisions::add);
            }
        }
        ConsentAt query = new ConsentAt(SITE, VISITOR, Instant.parse(bundle.get("at").asString()),
                Instant.parse(bundle.get("asOf").asString()));
        bundle.set("answer", JSON.valueToTree(PointInTimeResolver.resolve(query, policies, decisions)));
        return sign(bundle);
    }

    /** The bundle with the log proof for the leaf indices its events name, and signed again. */
    ObjectNode withLogProof(ObjectNode bundle) {
        long[] indices = bundle.get("events").valueStream().mapToLong(e -> e.get("leafIndex").asLong()).sorted()
                .toArray();
        ArrayNode proof = bundle.putArray("logProof");
        MultiInclusionProof.build(MerkleProofsTest.subtrees(leaves), indices, leaves.size())
                .forEach(hash -> proof.add(HexFormat.of().formatHex(hash)));
        return sign(bundle);
    }

    /** Signs the bundle as §9 says, replacing any signature it had. */
    ObjectNode sign(ObjectNode bundle) {
        bundle.remove("signature");
        bundle.put("signature", Base64.getEncoder().encodeToString(sign(CanonicalJson.canonicalize(bundle))));
        return bundle;
    }

    String text(ObjectNode bundle) {
        return JSON.writeValueAsString(bundle);
    }

    /** The hash a later event of {@code stream} would name as its previous one. */
    String lastHash(String stream) {
        return lastHashes.getOrDefault(stream, EventHash.GENESIS);
    }

    private SignedCheckpoint checkpoint() {
        long size = leaves.size();
        String root = HexFormat.of().formatHex(MerkleTree.root(leaves));
        String keyId = SignedCheckpoint.Signatures.keyId(KEYS.getPublic());
        byte[] signature = sign(SignedCheckpoint.signedBytes(size, root, SIGNED_AT, keyId));
        return new SignedCheckpoint(size, root, SIGNED_AT, keyId, Base64.getEncoder().encodeToString(signature));
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(KEYS.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode start(int format, String type, String stream) {
        long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
        ObjectNode event = JSON.createObjectNode()
                .put("format", format)
                .put("eventId", "event-" + leaves.size())
                .put("type", type)
                .put("stream", stream)
                .put("sequence", sequence)
                .put("previousHash", lastHash(stream));
        return event;
    }

    private ObjectNode finish(ObjectNode event, String hash) {
        String stream = event.get("stream").asString();
        lastHashes.put(stream, hash);
        event.put("hash", hash);
        if (forging) {
            // Claims the place of the log's last leaf, which holds another event.
            forging = false;
            return event.put("leafIndex", leaves.size() - 1);
        }
        event.put("leafIndex", leaves.size());
        leaves.add(MerkleTree.leafHash(HexFormat.of().parseHex(hash)));
        events.add(event);
        return event;
    }
}
