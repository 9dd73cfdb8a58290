package org.consentledger.verifier;

import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.policy.CookiePolicy;
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

    private BundleVerifier() {
    }

    /**
     * The checks of docs/evidence-format.md, in the order they are made; {@link #id()} is the name the specification
     * and the test vectors give each.
     */
    public enum Check {
        READABLE, VERSION, BUNDLE_SIGNATURE, CHECKPOINT_SIGNATURE, EVENT_HASH, COMMITMENT, INCLUSION,
        RECORDED_BY_AS_OF, STREAM, CHAIN, ERASURE, NOTICE, SHOWN, ANSWER, EVALUABLE;

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
        boolean formatThree = EvidenceBundle.VERSION_3.equals(bundle.version());
        findings.add(check(Check.VERSION, formatOne || formatThree || EvidenceBundle.VERSION.equals(bundle.version()),
                "The bundle is in format %s, %s or %s.".formatted(EvidenceBundle.VERSION_1, EvidenceBundle.VERSION,
                        EvidenceBundle.VERSION_3)));
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
        List<SignalDecision> signals = new ArrayList<>();
        List<CookiePolicyPublished> policies = new ArrayList<>();
        Map<String, List<EvidenceBundle.LoggedEvent>> streams = new TreeMap<>();
        List<BundleEvent> events = bundle.events().stream().map(e -> BundleEvent.of(e, formatThree)).toList();
        boolean oneStreamPerFormat = oneVisitorStreamPerFormat(events);
        for (BundleEvent shown : events) {
            EvidenceBundle.LoggedEvent event = shown.event();
            findings.addAll(checkEvent(shown, checkpoint, bundle, formatOne));
            findings.add(formatThree ? checkStream(shown, bundle, oneStreamPerFormat) : checkStream(shown, bundle));
            streams.computeIfAbsent(event.stream(), s -> new ArrayList<>()).add(event);
            Object content = shown.content();
            if (shown.isNotice()) {
                findings.add(checkNotice(shown, content));
            }
            if (content instanceof CookiePolicyPublished policy) {
                policies.add(policy);
            } else {
                Decision.ofRecord(content, event.eventId(), event.sequence()).ifPresent(decisions::add);
                SignalDecision.ofRecord(content, event.eventId(), event.sequence()).ifPresent(signals::add);
            }
        }
        if (!formatOne) {
            findings.add(checkLogProof(bundle));
        }
        streams.forEach((stream, inStream) -> findings.add(checkChain(stream, inStream)));
        if (formatThree) {
            checkErasure(events).ifPresent(findings::add);
            events.forEach(shown -> checkShown(shown, events).ifPresent(findings::add));
        }

        // The answer says how long before expiry it asks to renew a consent (a setting of the ledger that issued it).
        Duration renewBefore = bundle.answer() == null || bundle.answer().renewBefore() == null ? Duration.ZERO
                : bundle.answer().renewBefore();
        ConsentAt question = new ConsentAt(bundle.piiController(), bundle.piiPrincipalId(), bundle.at(), bundle.asOf());
        ConsentAnswer recomputed = PointInTimeResolver.resolve(question, policies, decisions, renewBefore);
        // A bundle issued before answers stated their basis, or when to ask again, is held to the rest of its answer.
        if (bundle.answer() != null && bundle.answer().basis() == null) {
            recomputed = recomputed.withoutBasis();
        }
        if (bundle.answer() != null && bundle.answer().askReasons() == null) {
            recomputed = recomputed.withoutAsking();
        }
        findings.add(check(Check.ANSWER, recomputed.equals(bundle.answer()),
                ("Applying the ledger's rule to these events gives exactly the bundle's answer for visitor %s on %s "
                        + "at %s, as known at %s.%s").formatted(bundle.piiPrincipalId(), bundle.piiController(), bundle.at(), bundle.asOf(),
                                inPlainWords(recomputed, policies, PointInTimeResolver.tcfAt(question, signals)))));
        return new Verification(findings);
    }

    /** What the answer means for the site: Consent Mode states, the TC string in force, whether to ask again. */
    private static String inPlainWords(ConsentAnswer answer, List<CookiePolicyPublished> policies,
                                       Optional<SignalDecision> tcf) {
        StringBuilder words = new StringBuilder();
        Optional<CookiePolicy> inForce = policies.stream().map(CookiePolicyPublished::policy)
                .filter(p -> answer.policyVersion() != null && p.version() == answer.policyVersion()).findFirst();
        if (inForce.isPresent() && inForce.get().consentMode() != null) {
            words.append(" Google Consent Mode: ").append(ConsentModes.of(answer, inForce).consent().entrySet()
                    .stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))).append('.');
        }
        tcf.ifPresent(d -> words.append(" The TC string in force is event %s's, of CMP %d: purposes %s consented to, "
                .formatted(d.eventId(), d.tcf().cmpId(), d.tcf().purposeConsents()))
                .append("%d vendor(s) with consent.".formatted(d.tcf().vendorConsents().size())));
        if (answer.askReasons() != null) {
            words.append(Boolean.TRUE.equals(answer.mustAsk()) ? " A banner should ask again: " + String.join(", ", answer.askReasons())
                    + "." : " A banner need not ask again.");
        }
        return words.toString();
    }

    private static List<Finding> checkEvent(BundleEvent shown, SignedCheckpoint checkpoint, EvidenceBundle bundle,
                                            boolean formatOne) {
        List<Finding> findings = new ArrayList<>();
        EvidenceBundle.LoggedEvent event = shown.event();
        String name = name(event);
        if (shown.contentErased()) {
            findings.add(check(Check.EVENT_HASH, true, name + "'s content was erased: its place and its hash "
                    + event.hash() + " are proven by the log and the chain alone."));
        } else {
            findings.add(check(Check.EVENT_HASH, shown.hashHolds(),
                    name + " has the hash " + event.hash() + ", recomputed from its content."));
        }
        if (shown.hasPersonalPart()) {
            findings.add(checkCommitment(shown, name));
        }
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
        if (shown.contentErased()) {
            // Nothing of the event is left to date it; it counts for nothing, so nothing rests on its date.
            findings.add(check(Check.RECORDED_BY_AS_OF, true, name + "'s content was erased: when it was recorded "
                    + "cannot be shown, and it counts for nothing in the answer."));
        } else {
            JsonNode recordedAt = shown.shown().get("recordedAt");
            boolean known = recordedAt != null
                    && !java.time.Instant.parse(recordedAt.asString()).isAfter(bundle.asOf());
            findings.add(check(Check.RECORDED_BY_AS_OF, known, "%s was recorded (%s) by asOf."
                    .formatted(name, recordedAt == null ? "?" : recordedAt.asString())));
        }
        return findings;
    }

    /** Format 3: the personal part shown is the one committed to, or was erased and the commitment stands for it. */
    private static Finding checkCommitment(BundleEvent shown, String name) {
        String commitment = shown.event().commitment();
        if (shown.personalErased() && commitment != null) {
            return check(Check.COMMITMENT, true,
                    "%s's personal part was erased; its commitment %s stands in for it.".formatted(name, commitment));
        }
        return check(Check.COMMITMENT, shown.commitmentHolds(),
                "%s's personal part is the one its commitment %s was made for.".formatted(name, commitment));
    }

    /** Formats 1 and 2: the site's policy stream, or the visitor's stream named by the visitor id. */
    private static Finding checkStream(BundleEvent shown, EvidenceBundle bundle) {
        String expectedStream = shown.content() instanceof CookiePolicyPublished ? bundle.piiController()
                : bundle.piiController() + "/" + bundle.piiPrincipalId();
        return check(Check.STREAM, expectedStream.equals(shown.event().stream()),
                "%s belongs to %s.".formatted(name(shown.event()), expectedStream));
    }

    /**
     * Format 3: the visitor's events of each event format are in one stream (those of format 1 stayed in the stream
     * they had when the ledger moved to format 2), so in at most two.
     */
    private static boolean oneVisitorStreamPerFormat(List<BundleEvent> events) {
        Map<Integer, Set<String>> streamsByFormat = new TreeMap<>();
        events.stream().filter(e -> !e.isSiteEvent()).forEach(e ->
                streamsByFormat.computeIfAbsent(e.format(), f -> new TreeSet<>()).add(e.event().stream()));
        return streamsByFormat.values().stream().allMatch(streams -> streams.size() == 1);
    }

    /**
     * Format 3: the site's policy stream, or the one other stream of the site of the event's format, whose name need
     * not say who the visitor is; what the event shows of its visitor must name the bundle's.
     */
    private static Finding checkStream(BundleEvent shown, EvidenceBundle bundle, boolean oneStreamPerFormat) {
        String stream = shown.event().stream();
        String name = name(shown.event());
        if (shown.isSiteEvent()) {
            return check(Check.STREAM, bundle.piiController().equals(stream),
                    "%s belongs to %s.".formatted(name, bundle.piiController()));
        }
        String visitorStream = bundle.piiController() + "/" + bundle.piiPrincipalId();
        boolean holds = oneStreamPerFormat && stream.startsWith(bundle.piiController() + "/");
        String shows = "it names no visitor";
        if (shown.format() == 1 && !shown.contentErased()) {
            holds &= stream.equals(visitorStream);
            shows = "as an event of format 1 with its payload, its stream is named by visitor "
                    + bundle.piiPrincipalId();
        }
        JsonNode fields = shown.personalFields();
        if (fields != null) {
            JsonNode visitorId = fields.get("visitorId");
            holds &= visitorId != null && visitorId.isString() && visitorId.asString().equals(bundle.piiPrincipalId());
            shows = "its personal part names visitor " + bundle.piiPrincipalId();
        }
        return check(Check.STREAM, holds, ("%s belongs to %s, the one stream of the bundle's visitor events of "
                + "format %d; %s.").formatted(name, stream, shown.format(), shows));
    }

    /**
     * Format 3: an erased visitor's events show nothing personal any more, in any of their streams, and each erasure
     * is the last event of its stream. Checked too when erased content shows and no erasure is in the bundle (one
     * recorded after {@code asOf}): a visitor is erased whole, so that hiding some of a visitor's events as erased
     * cannot change the answer.
     */
    private static Optional<Finding> checkErasure(List<BundleEvent> events) {
        Set<String> erased = events.stream()
                .filter(e -> e.isErasure() || e.contentErased() || e.personalErased())
                .map(e -> e.event().stream()).collect(Collectors.toCollection(TreeSet::new));
        if (erased.isEmpty()) {
            return Optional.empty();
        }
        boolean holds = events.stream().filter(e -> !e.isSiteEvent()).noneMatch(BundleEvent::showsPersonalData);
        for (BundleEvent erasure : events.stream().filter(BundleEvent::isErasure).toList()) {
            holds &= events.stream().filter(e -> e != erasure && e.event().stream().equals(erasure.event().stream()))
                    .allMatch(e -> e.event().sequence() < erasure.event().sequence());
        }
        return Optional.of(check(Check.ERASURE, holds, ("The visitor data of %s was erased whole: no event of it "
                + "shows personal data any more, and an erasure the bundle holds is the last event of its stream.")
                .formatted(String.join(", ", erased))));
    }

    /** Format 3: a notice is the content its digest names, which says what the site showed its visitors. */
    private static Finding checkNotice(BundleEvent shown, Object content) {
        if (!(content instanceof NoticePublished published)) {
            return check(Check.NOTICE, false, name(shown.event()) + " is not a notice of the form the ledger writes.");
        }
        Notice notice = published.notice();
        return check(Check.NOTICE, shown.noticeDigestHolds(), ("Notice '%s' of %s has the digest %s, recomputed from "
                + "its content: in %s it offered %s, presented policy version %d%s.").formatted(notice.noticeId(),
                notice.siteId(), published.digest(), String.join(", ", notice.texts().keySet()),
                String.join(", ", notice.buttons()), notice.policyVersion(), notice.attachments().isEmpty() ? ""
                        : " and lists %d file(s) by their SHA-256".formatted(notice.attachments().size())));
    }

    /**
     * Format 3: a decision that names the notice its visitor was shown (its {@code context}) is read against that
     * notice, which the bundle must hold: what the visitor saw, in which language, and how they chose.
     */
    private static Optional<Finding> checkShown(BundleEvent decision, List<BundleEvent> events) {
        JsonNode shown = decision.format() == 2 ? decision.shown() : null;
        JsonNode context = shown == null ? null : shown.get("context");
        if (decision.isSiteEvent() || context == null || !context.isObject() || !context.path("noticeId").isString()) {
            return Optional.empty();
        }
        String noticeId = context.get("noticeId").asString();
        String name = name(decision.event());
        Optional<NoticePublished> notice = events.stream().filter(BundleEvent::isNotice).map(BundleEvent::content)
                .filter(c -> c instanceof NoticePublished n && n.noticeId().equals(noticeId))
                .map(NoticePublished.class::cast).findFirst();
        if (notice.isEmpty()) {
            return Optional.of(check(Check.SHOWN, false,
                    "%s names notice '%s' as shown to the visitor; the bundle does not hold it.".formatted(name,
                            noticeId)));
        }
        Notice n = notice.get().notice();
        String language = context.path("language").isString() ? context.get("language").asString() : null;
        if (language != null && !n.texts().containsKey(language)) {
            return Optional.of(check(Check.SHOWN, false, "%s says notice '%s' was shown in %s, which it has no texts in."
                    .formatted(name, noticeId, language)));
        }
        String method = context.path("method").isString() ? context.get("method").asString() : null;
        String surface = context.path("surface").isString() ? context.get("surface").asString() : null;
        return Optional.of(check(Check.SHOWN, true, ("%s: the visitor was shown notice '%s' (digest %s)%s%s, "
                + "offering %s%s.").formatted(name, noticeId, notice.get().digest(),
                language == null ? "" : " in " + language + " (\"" + n.texts().get(language).title() + "\")",
                surface == null ? "" : " on the " + surface, String.join(", ", n.buttons()),
                method == null ? "" : ", and chose " + method)));
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

    private static String name(EvidenceBundle.LoggedEvent event) {
        return "Event %s (%s #%d)".formatted(event.eventId(), event.stream(), event.sequence());
    }

    private static Finding check(Check check, boolean holds, String statement) {
        return new Finding(check, holds, statement);
    }
}
