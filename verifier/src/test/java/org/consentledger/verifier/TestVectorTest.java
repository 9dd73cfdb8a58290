package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.consentledger.verifier.BundleVerifier.Finding;
import org.consentledger.verifier.BundleVerifier.Verification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in test vectors of docs/evidence-format.md: bundles the ledger issued, altered copies, and the verdict
 * a verifier must give on each. The bundles were signed by earlier builds, so a change of the format (the canonical
 * form, the hashes, the proofs, the signed bytes, the answer's rule) that old bundles no longer pass fails here:
 * {@code bundle-1} was issued before answers stated their basis, {@code bundle-2} after, both in format 1;
 * {@code bundle-3} is in format 2, one proof for all its events.
 */
class TestVectorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final List<String> VECTORS = List.of("bundle-1", "bundle-2", "bundle-3");

    private static Path vector(String name) {
        try {
            return Path.of(TestVectorTest.class.getResource("/test-vectors/" + name + "/verdicts.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFileGetsItsVerdict() {
        return VECTORS.stream().flatMap(TestVectorTest::verdicts);
    }

    private static Stream<DynamicTest> verdicts(String name) {
        Path dir = vector(name);
        JsonNode verdicts = JSON.readTree(dir.resolve("verdicts.json").toFile());
        PublicKey key;
        try {
            key = Main.readPublicKey(Files.readString(dir.resolve(verdicts.get("publicKey").asString())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return verdicts.get("bundles").valueStream().map(expected -> DynamicTest.dynamicTest(
                name + "/" + expected.get("file").asString(), () -> {
                    String bundle = Files.readString(dir.resolve(expected.get("file").asString()), StandardCharsets.UTF_8);
                    Verification verification = BundleVerifier.verify(bundle, key);
                    Set<String> failing = verification.findings().stream().filter(f -> !f.holds())
                            .map(f -> f.check().id()).collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expectedFailing = expected.get("failing").valueStream().map(JsonNode::asString)
                            .collect(Collectors.toCollection(TreeSet::new));
                    String findings = verification.findings().stream().map(Finding::toString)
                            .collect(Collectors.joining("\n"));
                    assertThat(verification.verified()).as(findings).isEqualTo(expected.get("verified").asBoolean());
                    assertThat(failing).as(findings).isEqualTo(expectedFailing);
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundle-1", "bundle-2", "bundle-3"})
    void everyBundleOfTheVectorHasAVerdict(String name) throws Exception {
        Path dir = vector(name);
        Set<String> listed = JSON.readTree(dir.resolve("verdicts.json").toFile()).get("bundles").valueStream()
                .map(b -> b.get("file").asString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> bundles = files.map(p -> p.getFileName().toString())
                    .filter(file -> file.endsWith(".json") && !file.equals("verdicts.json"))
                    .collect(Collectors.toSet());
            assertThat(listed).isEqualTo(bundles);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bundle-1", "bundle-2", "bundle-3"})
    void theIssuedBundleNamesTheVectorsKey(String name) throws Exception {
        Path dir = vector(name);
        PublicKey key = Main.readPublicKey(Files.readString(dir.resolve("checkpoint-key.pem")));
        JsonNode bundle = JSON.readTree(dir.resolve("bundle.json").toFile());
        assertThat(bundle.get("version").asString())
                .isEqualTo(JSON.readTree(dir.resolve("verdicts.json").toFile()).get("format").asString());
        assertThat(bundle.get("checkpoint").get("keyId").asString())
                .isEqualTo(SignedCheckpoint.Signatures.keyId(key));
    }

    @Test
    void theNewerBundleStatesItsBasisAndTheOlderDoesNot() {
        assertThat(JSON.readTree(vector("bundle-1").resolve("bundle.json").toFile()).at("/answer/basis").isMissingNode())
                .isTrue();
        assertThat(JSON.readTree(vector("bundle-2").resolve("bundle.json").toFile()).at("/answer/basis/digest")
                .asString()).hasSize(64);
    }

    @Test
    void theLedgerIssuesTheFormatOfTheNewestVector() {
        JsonNode bundle = JSON.readTree(vector("bundle-3").resolve("bundle.json").toFile());
        assertThat(bundle.get("version").asString()).isEqualTo(EvidenceBundle.VERSION);
        // Alice's four events are leaves 1, 3, 5 and 6 of 8: the proof is the other four leaves, each once.
        assertThat(bundle.get("logProof").size()).isEqualTo(4);
        assertThat(bundle.get("events").valueStream().noneMatch(e -> e.has("inclusionProof"))).isTrue();
    }
}
