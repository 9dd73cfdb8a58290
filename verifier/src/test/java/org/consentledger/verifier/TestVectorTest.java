package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.consentledger.verifier.BundleVerifier.Finding;
import org.consentledger.verifier.BundleVerifier.Verification;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in test vector of docs/evidence-format.md: a bundle the ledger issued, altered copies, and the verdict
 * a verifier must give on each. The bundle was signed by an earlier build, so a change of the format (the canonical
 * form, the hashes, the proofs, the signed bytes, the answer's rule) that old bundles no longer pass fails here.
 */
class TestVectorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path vector() throws URISyntaxException {
        return Path.of(TestVectorTest.class.getResource("/test-vectors/bundle-1/verdicts.json").toURI()).getParent();
    }

    @TestFactory
    Stream<DynamicTest> eachFileGetsItsVerdict() throws Exception {
        Path dir = vector();
        JsonNode verdicts = JSON.readTree(dir.resolve("verdicts.json").toFile());
        PublicKey key = Main.readPublicKey(Files.readString(dir.resolve(verdicts.get("publicKey").asString())));
        return verdicts.get("bundles").valueStream().map(expected -> DynamicTest.dynamicTest(
                expected.get("file").asString(), () -> {
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

    @Test
    void everyBundleOfTheVectorHasAVerdict() throws Exception {
        Path dir = vector();
        Set<String> listed = JSON.readTree(dir.resolve("verdicts.json").toFile()).get("bundles").valueStream()
                .map(b -> b.get("file").asString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> bundles = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("verdicts.json"))
                    .collect(Collectors.toSet());
            assertThat(listed).isEqualTo(bundles);
        }
    }

    @Test
    void theIssuedBundleNamesTheVectorsKey() throws Exception {
        Path dir = vector();
        PublicKey key = Main.readPublicKey(Files.readString(dir.resolve("checkpoint-key.pem")));
        JsonNode bundle = JSON.readTree(dir.resolve("bundle.json").toFile());
        assertThat(bundle.get("version").asString()).isEqualTo(EvidenceBundle.VERSION);
        assertThat(bundle.get("checkpoint").get("keyId").asString())
                .isEqualTo(SignedCheckpoint.Signatures.keyId(key));
    }
}
