package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reading of the usual UTC form, as point-in-time questions use it: never a different instant. */
class StoredInstantsPropertiesTest {

    private static Optional<Instant> parse(String text) {
        return Optional.ofNullable(StoredInstants.parse(text));
    }

    @Property
    void readsEveryInstantAsItsOwnTextNames(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long second,
                                            @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(parse(instant.toString())).contains(instant);
    }

    /** Whatever the fast reading accepts, the general parser reads as the same instant. */
    @Property
    void neverDisagreesWithTheGeneralParser(@ForAll @StringLength(min = 20, max = 30) String noise,
                                            @ForAll @IntRange(min = 0, max = 29) int keep) {
        String text = "2026-02-28T23:59:59.123456789Z".substring(0, keep) + noise.substring(Math.min(keep, noise.length()));
        Optional<Instant> fast = parse(text);
        fast.ifPresent(instant -> assertThat(Instant.parse(text)).isEqualTo(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:00:00Z", "2026-11-23T10:00:00.5Z", "2024-02-29T00:00:00.000000001Z"})
    void readsTheUsualForms(String text) {
        assertThat(parse(text)).contains(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T10:00:60Z",
            "2026-11-23T10:00:00+01:00", "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00.1234567890Z",
            "2026-11-23 10:00:00Z", "+2026-11-23T10:00:00Z", "2026-1-23T10:00:00Z", "yesterday"})
    void leavesEverythingElseToTheGeneralParser(String text) {
        assertThat(parse(text)).isEmpty();
    }

    @Property
    void refusesNothingTheGeneralParserReadsDifferently(@ForAll @IntRange(min = 1, max = 12) int month,
                                                        @ForAll @IntRange(min = 1, max = 31) int day) {
        String text = "2025-%02d-%02dT12:00:00Z".formatted(month, day);
        Optional<Instant> fast = parse(text);
        try {
            assertThat(fast).contains(Instant.parse(text));
        } catch (DateTimeException e) {
            assertThat(fast).isEmpty();
        }
    }
}
