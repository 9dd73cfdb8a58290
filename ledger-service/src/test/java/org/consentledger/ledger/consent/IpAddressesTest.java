package org.consentledger.ledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.consentledger.ledger.LedgerRejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({
            "203.0.113.77,                         203.0.113.0",
            "10.1.2.3,                             10.1.2.0",
            "2001:db8:85a3:8d3:1319:8a2e:370:7348, 2001:db8:85a3::",
            "2001:db8::1,                          2001:db8::",
            "::1,                                  ::",
            "fe80:1:2:3::9,                        fe80:1:2::"})
    void anAddressKeepsItsNetworkAndLosesTheDevice(String address, String truncated) {
        assertThat(IpAddresses.truncate(address)).isEqualTo(truncated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "300.1.1.1", "1.2.3", "not an address", "2001:db8::g", ""})
    void anythingButALiteralAddressIsRefusedNamingTheEntry(String text) {
        assertThatThrownBy(() -> IpAddresses.truncate(text)).isInstanceOfSatisfying(LedgerRejection.class,
                r -> assertThat(r.field()).isEqualTo("evidence.ipAddress"));
    }

    @Test
    void onlyTheAddressEntryIsTouched() {
        Map<String, String> evidence = Map.of("ipAddress", "198.51.100.23", "userAgent", "Firefox/140");

        assertThat(IpAddresses.truncated(evidence)).containsEntry("ipAddress", "198.51.100.0")
                .containsEntry("userAgent", "Firefox/140");
        assertThat(IpAddresses.truncated(Map.of("language", "fr"))).isEqualTo(Map.of("language", "fr"));
    }
}
