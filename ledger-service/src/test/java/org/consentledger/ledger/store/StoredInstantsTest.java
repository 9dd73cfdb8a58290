package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Random;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

/** Stored instants read back exactly as Java's own parser reads them, whatever their precision. */
class StoredInstantsTest {

    private final ObjectMapper store = EventStoreConfiguration.storeMapper();

    record Stamped(Instant at) {
    }

    @Test
    void everyInstantTheStoreWritesReadsBackUnchanged() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant written = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String json = store.writeValueAsString(new Stamped(written));
            assertThat(store.readValue(json, Stamped.class).at()).as(json).isEqualTo(written);
        }
    }

    @Test
    void theFastPathAgreesWithJavasParserOnEveryPrecision() {
        for (String text : new String[] {"2026-11-23T10:15:30Z", "2026-11-23T10:15:30.1Z", "2026-11-23T10:15:30.12Z",
                "2026-11-23T10:15:30.123456Z", "2026-11-23T10:15:30.123456789Z", "0001-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999999999Z"}) {
            assertThat(StoredInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void otherFormsAreLeftToJacksonsParser() throws Exception {
        for (String text : new String[] {"2026-11-23T10:15:30+02:00", "+12026-11-23T10:15:30Z", "2026-02-30T10:15:30Z",
                "2026-11-23T24:00:00Z", "2026-11-23T10:15:30.Z", "2026-11-23 10:15:30Z", "2026-11-23T10:15:30.1234567890Z"}) {
            assertThat(StoredInstants.parse(text)).as(text).isNull();
        }
        assertThat(store.readValue("{\"at\": \"2026-11-23T12:15:30+02:00\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
        assertThat(store.readValue("{\"at\": 1795341339.766092148}", Stamped.class).at())
                .isEqualTo(Instant.ofEpochSecond(1795341339L, 766092148));
        assertThatThrownBy(() -> store.readValue("{\"at\": \"2026-02-30T10:15:30Z\"}", Stamped.class))
                .hasMessageContaining("2026-02-30");
    }

    @Test
    void storedEventTimesReadAsAxonReadsThemInAnyForm() {
        for (String text : new String[] {"2026-11-23T10:15:30.123Z", "2026-11-23T10:15:30.000Z",
                "2026-11-23T11:15:30.123+01:00", "2026-11-23t10:15:30.123z"}) {
            assertThat(StoredEvent.instant(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }
}
