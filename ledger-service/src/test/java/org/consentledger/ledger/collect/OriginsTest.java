package org.consentledger.ledger.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OriginsTest {

    @ParameterizedTest
    @CsvSource({
            "https://shop.example, https://shop.example",
            "HTTPS://Shop.Example, https://shop.example",
            "https://shop.example:443, https://shop.example",
            "https://shop.example:8443, https://shop.example:8443",
            "http://localhost:8080, http://localhost:8080",
            "http://localhost:80, http://localhost",
            "' https://shop.example ', https://shop.example"})
    void anOriginIsKeptInTheFormABrowserSendsIt(String given, String kept) {
        assertThat(Origins.canonical(given, "allowedOrigins[0]")).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.example", "https://shop.example/", "https://shop.example/banner",
            "https://shop.example?x=1", "https://shop.example#top", "https://user@shop.example",
            "ftp://shop.example", "https://*.shop.example", "*", "null", "https://", "https://shop example", " "})
    void whatIsNotAnOriginIsRefusedNamingTheEntry(String given) {
        assertThatThrownBy(() -> Origins.checked(List.of("https://ok.example", given)))
                .isInstanceOfSatisfying(LedgerRejection.class,
                        refused -> assertThat(refused.field()).isEqualTo("allowedOrigins[1]"));
    }

    @Test
    void theListKeepsEachOriginOnceInTheOrderGiven() {
        assertThat(Origins.checked(List.of("https://b.example", "https://a.example", "HTTPS://B.example:443")))
                .containsExactly("https://b.example", "https://a.example");
    }

    @Test
    void aListIsRequiredAndBounded() {
        assertThatThrownBy(() -> Origins.checked(null)).isInstanceOfSatisfying(LedgerRejection.class,
                refused -> assertThat(refused.field()).isEqualTo("allowedOrigins"));
        List<String> many = new ArrayList<>(Collections.nCopies(Origins.MAX_ORIGINS, "https://a.example"));
        assertThat(Origins.checked(many)).hasSize(1);
        many.add("https://b.example");
        assertThatThrownBy(() -> Origins.checked(many)).isInstanceOf(LedgerRejection.class);
    }

    @Test
    void aRequestsOriginMustBeOneOfTheSitesAsSent() {
        List<String> allowed = List.of("https://shop.example", "http://localhost:8080");
        assertThat(Origins.allowed(allowed, "https://shop.example")).isTrue();
        assertThat(Origins.allowed(allowed, "http://localhost:8080")).isTrue();
        assertThat(Origins.allowed(allowed, "https://shop.example.evil.example")).isFalse();
        assertThat(Origins.allowed(allowed, "http://shop.example")).isFalse();
        assertThat(Origins.allowed(allowed, "null")).isFalse();
        assertThat(Origins.allowed(allowed, null)).isFalse();
    }
}
