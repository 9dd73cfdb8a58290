package org.consentledger.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WellFormedTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain text                  | abc                 | true
            a surrogate pair            | a\uD83C\uDF6Ab      | true
            empty                       | ''                  | true
            a lone high surrogate       | a\uD800b            | false
            a lone high surrogate last  | ab\uD800            | false
            a lone low surrogate        | a\uDC00b            | false
            a reversed pair             | \uDC00\uD800        | false
            NUL                         | a\u0000b            | false
            """)
    void textIsWellFormedWhenItIsUnicodeWithoutNul(String what, String text, boolean wellFormed) {
        assertThat(WellFormedText.fault(text) == null).as(what).isEqualTo(wellFormed);
    }

    record Inner(String userAgent) {
    }

    record Outer(String id, List<Inner> items, Map<String, String> evidence) {
    }

    @Test
    void theRefusalNamesWhereInTheRequestTheTextIs() {
        assertThatThrownBy(() -> WellFormedText.check(new Outer("ok", List.of(new Inner("ok"), new Inner("x\uD800")),
                Map.of()), "decisions[1]"))
                .isInstanceOfSatisfying(LedgerRejection.class,
                        r -> assertThat(r.field()).isEqualTo("decisions[1].items[1].userAgent"));
        assertThatThrownBy(() -> WellFormedText.check(new Outer("ok", List.of(), Map.of("lang", "f\u0000r")), ""))
                .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.field()).isEqualTo("evidence.lang"));
        WellFormedText.check(new Outer("ok", List.of(new Inner(null)), Map.of("a", "b")), "");
    }
}
