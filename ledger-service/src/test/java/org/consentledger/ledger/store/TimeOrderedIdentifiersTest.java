package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifiersTest {

    @Test
    void axon_makes_every_message_id_with_it() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
    }

    @Test
    void an_id_is_a_version_7_uuid_carrying_the_millisecond_it_was_made() {
        long millis = Instant.parse("2026-11-29T10:15:30.123Z").toEpochMilli();

        UUID id = TimeOrderedIdentifiers.next(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.toString()).startsWith("01a226cd-7a4b-7"); // the millisecond in hex, then the version
    }

    @Test
    void ids_made_later_sort_after_earlier_ones_as_text_and_never_repeat() {
        long start = Instant.parse("2026-11-29T10:00:00Z").toEpochMilli();
        List<String> ids = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = TimeOrderedIdentifiers.next(start + i / 10).toString();
            ids.add(id);
            distinct.add(id);
        }
        assertThat(distinct).hasSize(ids.size());
        for (int i = 10; i < ids.size(); i += 10) {
            assertThat(ids.get(i)).as("first id of millisecond %d", i / 10).isGreaterThan(ids.get(i - 1));
        }
    }
}
