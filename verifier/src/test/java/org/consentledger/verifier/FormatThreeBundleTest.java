package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.verifier.FormatThreeBundles.JSON;
import static org.consentledger.verifier.FormatThreeBundles.SITE;
import static org.consentledger.verifier.FormatThreeBundles.SUBJECT_STREAM;
import static org.consentledger.verifier.FormatThreeBundles.VISITOR;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.consentledger.api.EventType;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.verifier.BundleVerifier.Check;
import org.consentledger.verifier.BundleVerifier.Finding;
import org.consentledger.verifier.BundleVerifier.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bundles of format 3: a visitor's consent and withdrawal stored in format 2, the site's policy versions in both
 * formats, other leaves between them in the log. Each altered copy names the checks that must fail; the resigned
 * ones were signed again, so that the check under test is not hidden behind the bundle signature. Every bundle is
 * also written, with its verdict, to target/format-3-bundles, laid out as a test vector for the second verifier
 * ({@code node docs/evidence-format/check-test-vector.mjs verifier/target/format-3-bundles}).
 */
class FormatThreeBundleTest {

    private static final Instant AT = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00.5Z");
    private static final String POLICY = EventType.POLICY_PUBLISHED.formatOneName();
    private static final Map<String, ObjectNode> WRITTEN = new TreeMap<>();

    private final FormatThreeBundles log = new FormatThreeBundles();
    private ObjectNode consent;
    private ObjectNode withdrawal;

    /** Two policy versions (format 1, then 2), alice's consent and withdrawal (format 2) in the subject's stream. */
    private void story(String consentingVisitor) {
        log.otherLeaf();
        log.formatOne(POLICY, SITE, policy(1, "2026-01-01T00:00:00Z", ""));
        log.otherLeaf();
        consent = log.formatTwo("consent.given", SUBJECT_STREAM, json("""
                {"siteId": "%s", "policyVersion": 1, "occurredAt": "2026-03-01T10:00:00Z",
                 "recordedAt": "2026-03-01T10:00:00.250Z", "granted": ["statistics", "marketing"],
                 "denied": ["preferences"], "source": "banner", "bannerLayout": "eu-v2"}""".formatted(SITE)),
                json("""
                {"visitorId": "%s", "consentId": "consent-1", "evidence": {"userAgent": "Mozilla/5.0",
                 "banner": "Cookies? Ja, gern – Zürich"}}""".formatted(consentingVisitor)));
        log.otherLeaf();
        log.formatTwo("policy.published", SITE, policy(2, "2026-04-01T00:00:00Z",
                ", {\"name\": \"_hj\", \"provider\": \"Hotjar\", \"function\": \"f\", \"purpose\": \"p\","
                        + " \"category\": \"statistics\"}"), null);
        withdrawal = log.formatTwo("consent.withdrawn", SUBJECT_STREAM, json("""
                {"siteId": "%s", "policyVersion": 2, "occurredAt": "2026-05-01T08:30:00Z",
                 "recordedAt": "2026-05-01T08:30:00.000001Z", "categories": ["marketing"]}""".formatted(SITE)),
                json("{\"visitorId\": \"%s\", \"withdrawalId\": \"withdrawal-1\"}".formatted(VISITOR)));
        log.otherLeaf().otherLeaf();
    }

    private ObjectNode erasure() {
        return log.formatTwo("subject.erased", SUBJECT_STREAM, json("""
                {"siteId": "%s", "erasureId": "erasure-1", "reason": "art17-request",
                 "requestedAt": "2026-05-20T09:00:00Z", "recordedAt": "2026-05-20T09:00:01.5Z"}""".formatted(SITE)),
                null);
    }

    private ObjectNode bundle() {
        return log.bundle(AT, AS_OF);
    }

    @Test
    void aBundleAsIssuedVerifiesAndAnswersFromItsEvents() {
        story(VISITOR);
        ObjectNode bundle = bundle();

        Verification verification = verdict("bundle.json", bundle, "none: the bundle as issued");
        assertThat(verification.findings().stream().filter(f -> f.check() == Check.COMMITMENT)).hasSize(2);
        ConsentAnswer answer = JSON.treeToValue(bundle.get("answer"), ConsentAnswer.class);
        assertThat(answer.categories()).extracting(ConsentAnswer.CategoryAnswer::status).containsExactly(
                ConsentStatus.EXEMPT, ConsentStatus.DENIED, ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN);
        assertThat(answer.cookies()).extracting(ConsentAnswer.CookieAnswer::reason).contains(
                ConsentStatus.NOT_IN_CONSENTED_POLICY);
        assertThat(answer.basis().events()).isEqualTo(2);
    }

    /** A banner as the site showed it, in the site's stream after its policy versions. */
    private ObjectNode notice(String title, String statedDigestOfTitle) {
        String notice = """
                {"siteId": "%s", "noticeId": "banner-1", "policyVersion": 2, "buttons": ["accept-all", "reject-all"],
                 "texts": {"de": {"title": "%s", "body": "Wir nutzen Cookies – für Statistik.",
                   "buttonLabels": {"accept-all": "Alle akzeptieren", "reject-all": "Alle ablehnen"},
                   "categories": [{"id": "statistics", "name": "Statistik", "description": null}],
                   "vendors": [{"name": "Matomo", "iabId": null}]}},
                 "attachments": [{"name": "banner.png", "mediaType": "image/png", "size": 12,
                   "sha256": "%s"}]}""";
        String png = EventHash.sha256Hex(new byte[12]);
        String digest = NoticeDigest.of(json(notice.formatted(SITE, statedDigestOfTitle, png)));
        ObjectNode published = JSON.createObjectNode();
        published.set("notice", json(notice.formatted(SITE, title, png)));
        published.put("digest", digest).put("recordedAt", "2026-05-02T00:00:00Z");
        return log.formatTwo("notice.published", SITE, published, null);
    }

    @Test
    void aNoticeTheSiteShowedIsProvenByItsDigest() {
        story(VISITOR);
        notice("Cookies? Ja, gern", "Cookies? Ja, gern");

        Verification verification = verdict("bundle-with-notice.json", bundle(), "none: a notice in the site stream");
        assertThat(verification.findings().stream().filter(f -> f.check() == Check.NOTICE))
                .singleElement().satisfies(f -> assertThat(f.statement()).contains("banner-1", "in de it offered "
                        + "accept-all, reject-all, presented policy version 2 and lists 1 file(s)"));
    }

    @Test
    void aNoticeThatIsNotTheContentItsDigestNamesFails() {
        story(VISITOR);
        notice("Cookies? Nein, danke", "Cookies? Ja, gern");

        verdict("notice-digest-of-other-content.json", bundle(),
                "a notice whose stated digest is that of another title, hashed as stored", "notice");
    }

    /** A later consent of the visitor that names the notice shown, its language and how the visitor chose. */
    private void consentShownNotice(String noticeId) {
        log.formatTwo("consent.given", SUBJECT_STREAM, json("""
                {"siteId": "%s", "policyVersion": 2, "occurredAt": "2026-05-03T09:00:00Z",
                 "recordedAt": "2026-05-03T09:00:00.5Z", "granted": ["statistics"], "denied": ["marketing"],
                 "source": "banner", "context": {"noticeId": "%s", "language": "de", "method": "custom",
                 "surface": "banner", "regulation": "gdpr", "country": "DE", "region": null}}""".formatted(SITE,
                noticeId)), json("""
                {"visitorId": "%s", "consentId": "consent-2", "evidence": {}}""".formatted(VISITOR)));
    }

    @Test
    void aDecisionIsReadAgainstTheNoticeItSaysWasShown() {
        story(VISITOR);
        notice("Cookies? Ja, gern", "Cookies? Ja, gern");
        consentShownNotice("banner-1");

        Verification verification = verdict("decision-with-notice.json", bundle(),
                "none: a consent naming the notice its visitor was shown");
        assertThat(verification.findings().stream().filter(f -> f.check() == Check.SHOWN)).singleElement()
                .satisfies(f -> assertThat(f.statement()).contains("shown notice 'banner-1'",
                        "in de (\"Cookies? Ja, gern\") on the banner", "and chose custom"));
    }

    @Test
    void aDecisionNamingANoticeTheBundleDoesNotHoldFails() {
        story(VISITOR);
        notice("Cookies? Ja, gern", "Cookies? Ja, gern");
        consentShownNotice("banner-9");

        verdict("decision-with-unknown-notice.json", bundle(), "a consent naming a notice the bundle does not hold",
                "shown");
    }

    @Test
    void anEditedPublicFieldFailsTheEventHash() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        ((ObjectNode) event(bundle, consent).get("public")).put("source", "api");

        verdict("resigned-public-field-changed.json", log.sign(bundle), "the consent's public source; signed again",
                "event-hash");
    }

    @Test
    void reTimingAnEventFailsItsHash() {
        story(VISITOR);
        ObjectNode occurred = bundle();
        ((ObjectNode) event(occurred, consent).get("public")).put("occurredAt", "2026-03-02T10:00:00Z");
        ObjectNode recorded = bundle();
        ((ObjectNode) event(recorded, consent).get("public")).put("recordedAt", "2026-06-02T00:00:00Z");

        verdict("resigned-occurred-at-changed.json", log.sign(occurred), "the consent's occurredAt; signed again",
                "event-hash");
        verdict("resigned-recorded-at-changed.json", log.sign(recorded),
                "the consent's recordedAt, to after asOf; signed again", "event-hash", "recorded-by-as-of", "answer");
    }

    @Test
    void anEventLeftOutFailsTheChainAndTheProof() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        ArrayNode events = (ArrayNode) bundle.get("events");
        events.remove(indexOf(bundle, consent));

        verdict("resigned-event-removed.json", log.sign(bundle), "the consent left out; signed again",
                "inclusion", "chain", "answer");
    }

    @Test
    void swappedSequencesFailTheHashesAndTheChain() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        event(bundle, consent).put("sequence", 1);
        event(bundle, withdrawal).put("sequence", 0);

        verdict("resigned-sequences-swapped.json", log.sign(bundle),
                "the sequences of the consent and the withdrawal swapped; signed again",
                "event-hash", "chain", "answer");
    }

    @Test
    void anEventTheLogDoesNotHoldFailsInclusion() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        ObjectNode forged = log.forgeNext().formatTwo("consent.given", SUBJECT_STREAM, json("""
                {"siteId": "%s", "policyVersion": 2, "occurredAt": "2026-05-02T10:00:00Z",
                 "recordedAt": "2026-05-02T10:00:00Z", "granted": ["marketing"], "denied": [], "source": null}"""
                .formatted(SITE)), json("{\"visitorId\": \"alice\", \"consentId\": \"forged\", \"evidence\": {}}"));
        ((ArrayNode) bundle.get("events")).add(forged);

        verdict("resigned-event-forged.json", log.withAnswer(bundle),
                "a consent chained to the withdrawal but not in the log, the answer made to follow; signed again",
                "inclusion");
    }

    @Test
    void aChangedCommitmentFailsTheHashAndTheCommitment() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        event(bundle, consent).put("commitment", event(bundle, withdrawal).get("commitment").asString());

        verdict("resigned-commitment-changed.json", log.sign(bundle),
                "the consent's commitment replaced by the withdrawal's; signed again", "event-hash", "commitment");
    }

    @Test
    void swappedPersonalPartsFailTheirCommitments() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        JsonNode consentPersonal = event(bundle, consent).get("personal");
        event(bundle, consent).set("personal", event(bundle, withdrawal).get("personal"));
        event(bundle, withdrawal).set("personal", consentPersonal);

        verdict("resigned-personal-swapped.json", log.sign(bundle),
                "the personal parts of the consent and the withdrawal swapped; signed again", "commitment");
    }

    @Test
    void aChangedPersonalFieldFailsTheCommitment() {
        story(VISITOR);
        ObjectNode evidence = bundle();
        ((ObjectNode) event(evidence, consent).get("personal").get("fields").get("evidence"))
                .put("banner", "Cookies? Nein");
        ObjectNode visitor = bundle();
        ((ObjectNode) event(visitor, consent).get("personal").get("fields")).put("visitorId", "bob");

        verdict("resigned-personal-field-changed.json", log.sign(evidence),
                "the consent's personal evidence.banner; signed again", "commitment");
        verdict("resigned-personal-visitor-changed.json", log.sign(visitor),
                "the consent's personal visitorId, to bob; signed again", "commitment", "stream");
    }

    @Test
    void personalFieldsOfAnotherVisitorFailTheStream() {
        story("bob");

        verdict("other-visitor.json", bundle(), "issued with a consent whose personal part names bob", "stream");
    }

    @Test
    void visitorEventsInTwoStreamsFailTheStream() {
        story(VISITOR);
        log.formatTwo("consent.withdrawn", SITE + "/p-0a1b2c3d", json("""
                {"siteId": "%s", "policyVersion": 2, "occurredAt": "2026-05-02T08:30:00Z",
                 "recordedAt": "2026-05-02T08:30:00Z", "categories": []}""".formatted(SITE)),
                json("{\"visitorId\": \"alice\", \"withdrawalId\": \"withdrawal-2\"}"));

        verdict("two-visitor-streams.json", bundle(), "issued with a withdrawal in a second stream of the site",
                "stream");
    }

    /** A consent recorded before the ledger moved to format 2, in the stream named by the visitor, as it stays. */
    private ObjectNode formatOneConsent() {
        return log.formatOne(EventType.CONSENT_GIVEN.formatOneName(), SITE + "/" + VISITOR, json("""
                {"siteId": "%s", "visitorId": "%s", "consentId": "consent-0", "policyVersion": 1,
                 "occurredAt": "2026-02-01T00:00:00Z", "recordedAt": "2026-02-01T00:00:00Z",
                 "granted": ["preferences"], "denied": [], "source": null, "evidence": {"banner": "v1"}}"""
                .formatted(SITE, VISITOR)));
    }

    @Test
    void aVisitorsFormatOneStreamGoesWithTheirLaterOne() {
        ObjectNode legacy = formatOneConsent();
        story(VISITOR);
        ObjectNode bundle = bundle();

        verdict("format-one-stream-beside.json", bundle,
                "issued with the visitor's format 1 consent in its own stream beside their format 2 stream");
        ConsentAnswer answer = JSON.treeToValue(bundle.get("answer"), ConsentAnswer.class);
        assertThat(answer.basis().events()).isEqualTo(3);
        assertThat(answer.categories()).filteredOn(c -> c.id().equals("preferences"))
                .extracting(ConsentAnswer.CategoryAnswer::decidedBy).containsExactly(consent.get("eventId").asString());
        assertThat(legacy.get("stream").asString()).isEqualTo(SITE + "/" + VISITOR);
    }

    @Test
    void anErasedVisitorsFormatOneStreamIsRedactedWithTheRest() {
        ObjectNode legacy = formatOneConsent();
        story(VISITOR);
        erasure();
        FormatThreeBundles.erase(consent);
        FormatThreeBundles.erase(withdrawal);
        ObjectNode shownBeside = bundle();
        FormatThreeBundles.erase(legacy);
        legacy.put("stream", SUBJECT_STREAM + "/format-1");
        ObjectNode redacted = bundle();

        Verification verification = verdict("format-one-stream-redacted.json", redacted,
                "issued after the erasure: the format 1 stream redacted and renamed");
        assertThat(JSON.treeToValue(redacted.get("answer"), ConsentAnswer.class).basis().events()).isZero();
        assertThat(verification.findings()).filteredOn(f -> f.check() == Check.ERASURE).hasSize(1);
        verdict("format-one-stream-not-redacted.json", shownBeside,
                "issued after the erasure with the format 1 consent still shown", "erasure");
    }

    @Test
    void anErasedVisitorVerifiesAndIsAnsweredAsNeverSeen() {
        story(VISITOR);
        erasure();
        FormatThreeBundles.erase(consent);
        FormatThreeBundles.erase(withdrawal);
        ObjectNode bundle = bundle();

        Verification verification = verdict("erased.json", bundle,
                "issued after the visitor was erased: personal parts erased, subject.erased last");
        assertThat(verification.findings()).filteredOn(f -> f.check() == Check.COMMITMENT).hasSize(2)
                .allMatch(f -> f.statement().contains("erased"));
        assertThat(verification.findings()).filteredOn(f -> f.check() == Check.ERASURE).hasSize(1);
        ConsentAnswer answer = JSON.treeToValue(bundle.get("answer"), ConsentAnswer.class);
        assertThat(answer.categories()).extracting(ConsentAnswer.CategoryAnswer::status).containsExactly(
                ConsentStatus.EXEMPT, ConsentStatus.NOT_ASKED, ConsentStatus.NOT_ASKED, ConsentStatus.NOT_ASKED);
        assertThat(answer.basis().events()).isZero();
    }

    @Test
    void anErasureMustBeTheLastEvent() {
        story(VISITOR);
        erasure();
        FormatThreeBundles.erase(consent);
        FormatThreeBundles.erase(withdrawal);
        ObjectNode after = log.formatTwo("consent.withdrawn", SUBJECT_STREAM, json("""
                {"siteId": "%s", "policyVersion": 2, "occurredAt": "2026-05-21T00:00:00Z",
                 "recordedAt": "2026-05-21T00:00:00Z", "categories": []}""".formatted(SITE)),
                json("{\"visitorId\": \"alice\", \"withdrawalId\": \"withdrawal-2\"}"));
        FormatThreeBundles.erase(after);

        verdict("erasure-not-last.json", bundle(), "issued with an event after the visitor's erasure", "erasure");
    }

    @Test
    void anErasureWithPersonalFieldsLeftFails() {
        story(VISITOR);
        erasure();
        FormatThreeBundles.erase(withdrawal);

        verdict("erasure-with-personal-fields.json", bundle(),
                "issued after the erasure with the consent's personal fields still shown", "erasure");
    }

    @Test
    void erasingSomeOfAVisitorsEventsFailsTheErasure() {
        story(VISITOR);
        FormatThreeBundles.erase(withdrawal);
        ObjectNode bundle = bundle();

        assertThat(bundle.at("/answer/categories/3/status").asString()).isEqualTo("GRANTED");
        verdict("withdrawal-erased-alone.json", bundle,
                "issued with the withdrawal's personal part erased and the consent's shown, no erasure", "erasure");
    }

    @Test
    void aRedactedFormatOneEventVerifiesByItsPlaceAndHashAlone() {
        String stream = SITE + "/" + VISITOR;
        log.formatOne(POLICY, SITE, policy(1, "2026-01-01T00:00:00Z", ""));
        log.otherLeaf();
        ObjectNode legacy = log.formatOne(EventType.CONSENT_GIVEN.formatOneName(), stream, json("""
                {"siteId": "%s", "visitorId": "alice", "consentId": "consent-0", "policyVersion": 1,
                 "occurredAt": "2026-02-01T00:00:00Z", "recordedAt": "2026-02-01T00:00:00Z",
                 "granted": ["statistics"], "denied": [], "source": null, "evidence": {}}""".formatted(SITE)));
        log.otherLeaf();
        ObjectNode later = log.formatTwo("consent.withdrawn", stream, json("""
                {"siteId": "%s", "policyVersion": 1, "occurredAt": "2026-03-01T00:00:00Z",
                 "recordedAt": "2026-03-01T00:00:00Z", "categories": ["marketing"]}""".formatted(SITE)),
                json("{\"visitorId\": \"alice\", \"withdrawalId\": \"withdrawal-1\"}"));
        ObjectNode shown = bundle();
        log.formatTwo("subject.erased", stream, json("""
                {"siteId": "%s", "erasureId": "erasure-1", "reason": "retention", "requestedAt": null,
                 "recordedAt": "2026-04-01T00:00:00Z"}""".formatted(SITE)), null);
        FormatThreeBundles.erase(legacy);
        FormatThreeBundles.erase(later);
        ObjectNode redacted = bundle();
        ObjectNode rehashed = bundle();
        event(rehashed, legacy).put("hash", "0".repeat(64));

        assertThat(JSON.treeToValue(shown.get("answer"), ConsentAnswer.class).basis().events()).isEqualTo(2);
        verdict("legacy-shown.json", shown, "issued with a format 1 consent and a format 2 withdrawal of one stream");
        Verification verification = verdict("legacy-redacted.json", redacted,
                "issued after erasure: the format 1 consent's payload erased");
        assertThat(verification.findings()).filteredOn(f -> f.statement().contains("content was erased")).hasSize(2);
        assertThat(JSON.treeToValue(redacted.get("answer"), ConsentAnswer.class).basis().events()).isZero();
        verdict("resigned-legacy-redacted-hash-changed.json", log.sign(rehashed),
                "the redacted consent's hash; signed again", "inclusion", "chain");
    }

    @Test
    void anEventOfNoKnownFormatCannotBeEvaluated() {
        story(VISITOR);
        ObjectNode bundle = bundle();
        event(bundle, consent).put("format", 3);

        verdict("resigned-event-format-unknown.json", log.sign(bundle), "the consent's format, to 3; signed again",
                "evaluable");
    }

    // ---- helpers ----

    /** Verifies the bundle, asserts exactly those checks fail, and keeps it for the second verifier. */
    private Verification verdict(String file, ObjectNode bundle, String changed, String... failing) {
        Verification verification = BundleVerifier.verify(log.text(bundle), FormatThreeBundles.KEYS.getPublic());
        Set<String> failed = verification.findings().stream().filter(f -> !f.holds()).map(f -> f.check().id())
                .collect(Collectors.toCollection(TreeSet::new));
        String findings = verification.findings().stream().map(Finding::toString).collect(Collectors.joining("\n"));
        assertThat(failed).as(findings).isEqualTo(new TreeSet<>(List.of(failing)));
        assertThat(verification.verified()).as(findings).isEqualTo(failing.length == 0);
        ObjectNode verdict = JSON.createObjectNode().put("file", file).put("verified", failing.length == 0);
        verdict.set("failing", JSON.valueToTree(failed));
        verdict.put("changed", changed).set("bundle", bundle.deepCopy());
        synchronized (WRITTEN) {
            WRITTEN.put(file, verdict);
        }
        return verification;
    }

    @AfterAll
    static void writeForTheSecondVerifier() throws IOException {
        Path dir = Path.of("target", "format-3-bundles");
        Files.createDirectories(dir);
        ObjectNode verdicts = JSON.createObjectNode().put("format", EvidenceBundle.VERSION_3)
                .put("publicKey", "checkpoint-key.pem");
        ArrayNode bundles = verdicts.putArray("bundles");
        synchronized (WRITTEN) {
            for (ObjectNode verdict : WRITTEN.values()) {
                Files.writeString(dir.resolve(verdict.get("file").asString()),
                        JSON.writeValueAsString(verdict.remove("bundle")), StandardCharsets.UTF_8);
                bundles.add(verdict);
            }
        }
        Files.writeString(dir.resolve("verdicts.json"), verdicts.toPrettyString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("checkpoint-key.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(FormatThreeBundles.KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
    }

    /** The bundle's copy of an appended event. */
    private static ObjectNode event(ObjectNode bundle, ObjectNode appended) {
        return (ObjectNode) bundle.get("events").get(indexOf(bundle, appended));
    }

    private static int indexOf(ObjectNode bundle, ObjectNode appended) {
        JsonNode events = bundle.get("events");
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).get("eventId").equals(appended.get("eventId"))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no event " + appended.get("eventId") + " in the bundle");
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A policy version: necessary (exempt), preferences, statistics and marketing, a cookie each, and more. */
    private static JsonNode policy(int version, String effectiveFrom, String moreCookies) {
        return json("""
                {"policy": {"siteId": "%s", "version": %d, "effectiveFrom": "%s", "consentMaxAge": "PT9480H",
                  "categories": [
                    {"id": "necessary", "name": "Necessary", "description": null, "consentRequired": false},
                    {"id": "preferences", "name": "Preferences", "description": null, "consentRequired": true},
                    {"id": "statistics", "name": "Statistics", "description": "Visits", "consentRequired": true},
                    {"id": "marketing", "name": "Marketing", "description": null, "consentRequired": true}],
                  "cookies": [
                    {"name": "session", "provider": "site", "function": "f", "purpose": "p", "category": "necessary"},
                    {"name": "lang", "provider": "site", "function": "f", "purpose": "p", "category": "preferences"},
                    {"name": "_ga", "provider": "Google", "function": "f", "purpose": "p", "category": "statistics"},
                    {"name": "_fbp", "provider": "Meta", "function": "f", "purpose": "p", "category": "marketing"}%s],
                  "text": null},
                 "recordedAt": "%s"}""".formatted(SITE, version, effectiveFrom, moreCookies,
                Instant.parse(effectiveFrom).minusSeconds(86_400).toString()));
    }
}
