package org.consentledger.ledger.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VisitorPseudonymsTest {

    private static LedgerSecrets secrets(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return new LedgerSecrets(key, new TreeMap<>(Map.of("kek-1", key)));
    }

    private final VisitorPseudonyms pseudonyms = new VisitorPseudonyms(secrets(1));

    @Test
    void aVisitorsStreamIsNamedByAKeyedHashNeverByTheVisitorId() {
        String stream = pseudonyms.stream("shop.example", "alice", 0);

        assertThat(stream).startsWith("shop.example/").doesNotContain("alice").hasSize("shop.example/".length() + 22);
        assertThat(pseudonyms.stream("shop.example", "alice", 0)).isEqualTo(stream);
    }

    @Test
    void theNameDependsOnTheSiteTheVisitorTheGenerationAndTheSecret() {
        String stream = pseudonyms.stream("shop.example", "alice", 0);

        assertThat(pseudonyms.stream("shop.example", "alice", 1)).isNotEqualTo(stream);
        assertThat(pseudonyms.stream("shop.example", "bob", 0)).isNotEqualTo(stream);
        assertThat(pseudonyms.stream("blog.example", "alice", 0)).doesNotEndWith(stream.substring(13));
        assertThat(new VisitorPseudonyms(secrets(2)).stream("shop.example", "alice", 0)).isNotEqualTo(stream);
    }

    @Test
    void partsAreNotConfusedAtTheirBoundaries() {
        assertThat(pseudonyms.submission("s/p", "consent", "ab"))
                .isNotEqualTo(pseudonyms.submission("s/pc", "consent", "b"));
        assertThat(pseudonyms.stream("a", "bc", 0)).isNotEqualTo(pseudonyms.stream("ab", "c", 0).replace("ab/", "a/"));
    }

    @Test
    void aSubmissionIdIsIndexedByItsKindAndAKeyedHash() {
        String key = pseudonyms.submission("shop.example/x", "consent", "7f7e0d1c-banner-1");

        assertThat(key).startsWith("consent:").doesNotContain("7f7e0d1c").hasSize("consent:".length() + 22);
        assertThat(pseudonyms.submission("shop.example/x", "withdrawal", "7f7e0d1c-banner-1")).isNotEqualTo(key);
        assertThat(pseudonyms.submission("shop.example/y", "consent", "7f7e0d1c-banner-1")).isNotEqualTo(key);
    }
}
