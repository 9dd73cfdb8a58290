package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.consentledger.api.signals.TcfConsent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A vendor's use of a purpose, by the TCF's rules, from what one TC string says. */
class TcfVendorsTest {

    /**
     * Purposes 1-4 consented, 2 and 7 by legitimate interest; vendors 10 and 20 consented, 20 and 30 by legitimate
     * interest; the publisher forbids purpose 3 to vendor 10, requires consent for purpose 7 from vendor 20, and
     * legitimate interest for purpose 4 from vendor 20.
     */
    static final TcfConsent TCF = new TcfConsent(Instant.parse("2026-12-01T10:00:00Z"),
            Instant.parse("2026-12-01T10:00:00Z"), 300, 2, 1, "FR", 150, 5, List.of(1, 2, 3, 4), List.of(2, 7),
            List.of(1), List.of(10, 20), List.of(20, 30), List.of(
                    new TcfConsent.PublisherRestriction(3, "not-allowed", List.of(10)),
                    new TcfConsent.PublisherRestriction(7, "require-consent", List.of(20)),
                    new TcfConsent.PublisherRestriction(4, "require-legitimate-interest", List.of(20))));

    @ParameterizedTest(name = "vendor {0}, purpose {1}: {2} {3}")
    @CsvSource({
            "10, 1, true,  consent",
            "10, 2, true,  consent",
            "10, 3, false, ",
            "20, 3, true,  consent",
            "30, 2, true,  legitimate-interest",
            "30, 1, false, ",
            "30, 3, false, ",
            "20, 7, false, ",
            "20, 4, false, ",
            "40, 1, false, ",
            "10, 5, false, "})
    void aVendorMayUseAPurposeOnTheBasisTheStringAndThePublisherAllow(int vendor, int purpose, boolean allowed,
                                                                       String basis) {
        TcfVendors.Verdict verdict = TcfVendors.check(TCF, vendor, purpose);

        assertThat(verdict.allowed()).as(verdict.reason()).isEqualTo(allowed);
        assertThat(verdict.basis()).isEqualTo(basis);
        assertThat(verdict.reason()).contains(Integer.toString(purpose));
    }

    @Test
    void withoutAStringNothingIsAllowed() {
        assertThat(TcfVendors.check(null, 10, 1))
                .isEqualTo(new TcfVendors.Verdict(false, null, "no TC string was recorded for the visitor by then"));
    }
}
