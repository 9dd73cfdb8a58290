package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Random;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.verifier.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An auditor asks the ledger for the evidence behind an answer, and checks it at home with nothing but the
 * ledger's public key. A bundle with any byte altered does not check out.
 */
class EvidenceBundleIT {

    static final String ALICE = "/api/v1/sites/smartbump.opendatasoft.com/visitors/alice";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path data;
    @TempDir
    Path auditor;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(start);

    @Test
    void anAuditorVerifiesTheEvidenceOfflineAndNoticesAnyAlteredByte() throws Exception {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock)) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(ledger.post(ALICE + "/consents", """
                    {"consentId": "c1", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics", "third-party"],
                     "denied": [], "evidence": {"userAgent": "Firefox/140"}}""".formatted(clock.instant())).status()).isEqualTo(201);
            clock.advance(Duration.ofMinutes(1));
            assertThat(ledger.post(ALICE + "/withdrawals", """
                    {"withdrawalId": "w1", "occurredAt": "%s", "categories": ["third-party"]}"""
                    .formatted(clock.instant())).status()).isEqualTo(201);
            Instant asOf = clock.advance(Duration.ofMinutes(1));
            ledger.awaitProjectionsCaughtUp();

            var response = ledger.get(ALICE + "/evidence?at=" + asOf + "&asOf=" + asOf);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            Path bundle = auditor.resolve("bundle.json");
            Files.writeString(bundle, response.body());
            Path key = auditor.resolve("key.pem");
            Files.writeString(key, ledger.get("/.well-known/consent-ledger/checkpoint-key.pem").body());

            JsonNode evidence = JSON.readTree(response.body());
            JsonNode answer = ledger.get(ALICE + "/consent?at=" + asOf + "&asOf=" + asOf).json();
            assertThat(evidence.get("answer")).isEqualTo(answer);
            // Both say what they were computed from: the one policy version and Alice's two events.
            assertThat(answer.at("/basis/policyVersions").toString()).isEqualTo("[1]");
            assertThat(answer.at("/basis/events").asInt()).isEqualTo(2);
            assertThat(answer.at("/basis/digest").asString()).hasSize(64);
            assertThat(evidence.get("events")).hasSize(3);
            // One proof for the three events, not one each.
            assertThat(evidence.get("version").asString()).isEqualTo("consent-ledger-evidence/3");
            assertThat(evidence.get("logProof").isArray()).isTrue();
            assertThat(evidence.get("events").valueStream().noneMatch(e -> e.has("inclusionProof"))).isTrue();
            assertThat(evidence.get("events").toString()).contains("Firefox/140", "Cookies policy");

            Verdict untouched = verify(bundle, key);
            assertThat(untouched.exitCode).as(untouched.output).isZero();
            assertThat(untouched.output).contains("VERIFIED", "unbroken chain", "entries of the signed log", "Applying the ledger's rule")
                    .doesNotContain("FAILS");

            byte[] original = Files.readAllBytes(bundle);
            Random random = new Random(1);
            for (int i = 0; i < 150; i++) {
                byte[] altered = original.clone();
                int at = random.nextInt(altered.length);
                altered[at] = (byte) (altered[at] == 'x' ? 'y' : 'x');
                Path tampered = auditor.resolve("altered.json");
                Files.write(tampered, altered);
                Verdict verdict = verify(tampered, key);
                // Not verified (1); a change inside a multi-byte character leaves no UTF-8 text to read at all (2).
                assertThat(verdict.exitCode).as("byte %d altered:%n%s", at, verdict.output)
                        .isEqualTo(isUtf8(altered) ? 1 : 2);
            }

            // A member given twice: a reader that keeps the first value would show a forged answer while the
            // signature covers the genuine one, which comes last.
            String body = Files.readString(bundle, StandardCharsets.UTF_8);
            Path twice = auditor.resolve("twice.json");
            Files.writeString(twice, "{\"answer\": {\"siteId\": \"forged\"}, " + body.substring(body.indexOf('{') + 1));
            Verdict forged = verify(twice, key);
            assertThat(forged.exitCode).as(forged.output).isEqualTo(1);
            assertThat(forged.output).contains("not readable JSON");

            var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
            Path otherKey = auditor.resolve("other.pem");
            Files.writeString(otherKey, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(other.getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            assertThat(verify(bundle, otherKey).exitCode).isEqualTo(1);
        }
    }

    @Test
    void aVisitorWithMoreEventsThanABundleHoldsIsRefusedAndTheLedgerGoesOn() throws Exception {
        // The site's one policy version and two of Alice's events fit; a third does not.
        try (LedgerInstance ledger = LedgerInstance.start(data, clock,
                java.util.Map.of("ledger.evidence.max-bundle-events", 3))) {
            for (int i = 1; i <= 3; i++) {
                clock.advance(Duration.ofMinutes(1));
                assertThat(ledger.post(ALICE + "/consents", """
                        {"consentId": "c%d", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                         "denied": []}""".formatted(i, clock.instant())).status()).isEqualTo(201);
                Instant asOf = clock.advance(Duration.ofSeconds(1));
                ledger.awaitProjectionsCaughtUp();

                var response = ledger.get(ALICE + "/evidence?at=" + asOf + "&asOf=" + asOf);
                if (i < 3) {
                    assertThat(response.status()).as(response.toString()).isEqualTo(200);
                } else {
                    assertThat(response.status()).as(response.toString()).isEqualTo(422);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.body()).contains("visitorId", "4 events", "ledger.evidence.max-bundle-events");
                    // Refusing the bundle costs nothing else: the answer itself is given as always.
                    assertThat(ledger.get(ALICE + "/consent?at=" + asOf + "&asOf=" + asOf).status()).isEqualTo(200);
                }
            }
        }
    }

    record Verdict(int exitCode, String output) {
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static Verdict verify(Path bundle, Path key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"verify", bundle.toString(), "--public-key", key.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Verdict(code, out.toString(StandardCharsets.UTF_8));
    }
}
