package org.consentledger.ledger.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.consentledger.api.EventType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * An export holds one page: it writes and flushes each page's records before it asks for the next page, so neither
 * the service's memory nor the client's wait grows with the number of events.
 */
class ExportStreamTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eachPageIsWrittenAndFlushedBeforeTheNextIsRead() throws Exception {
        int pages = 400;
        int perPage = 250;
        LineCounter client = new LineCounter();
        List<Long> asked = new ArrayList<>();
        EventPages store = after -> {
            int page = asked.size();
            asked.add(after);
            // What the page before held reached the client, flushed, before this page is read.
            assertThat(client.lines).isEqualTo((long) page * perPage);
            assertThat(client.flushedLines).isEqualTo(client.lines);
            // Made on demand: the source holds nothing but the page it hands out.
            List<ExportedEvent> events = new ArrayList<>();
            for (int i = 0; i < perPage; i++) {
                events.add(event("e-" + page + "-" + i));
            }
            return new EventPages.Page(events, after + perPage + 3, page + 1 < pages);
        };

        long written = ExportStream.write(store, new NdjsonRecords(), client);

        assertThat(written).isEqualTo((long) pages * perPage);
        assertThat(client.lines).isEqualTo(written);
        assertThat(client.flushedLines).isEqualTo(written);
        assertThat(asked).hasSize(pages).startsWith(0L, 253L, 506L);
    }

    @Test
    void aPageWithNothingInTheWindowIsPassedOverAndTheNextReadAfterIt() throws Exception {
        LineCounter client = new LineCounter();
        List<Long> asked = new ArrayList<>();
        EventPages store = after -> {
            asked.add(after);
            return switch (asked.size()) {
                case 1 -> new EventPages.Page(List.of(), 200, true);
                case 2 -> new EventPages.Page(List.of(event("e-1")), 400, true);
                default -> new EventPages.Page(List.of(), 410, false);
            };
        };

        assertThat(ExportStream.write(store, new CsvRecords(), client)).isEqualTo(1);
        assertThat(asked).containsExactly(0L, 200L, 400L);
        assertThat(client.lines).as("the header and the one event").isEqualTo(2);
    }

    static ExportedEvent event(String eventId) {
        return new ExportedEvent(EventType.CONSENT_GIVEN, false, JSON.createObjectNode()
                .put("eventId", eventId).put("type", "consent.given").put("stream", "shop.example/p-1")
                .put("sequence", 0).put("recordedAt", "2026-12-07T10:00:00Z").put("visitorId", "alice"));
    }

    /** A client that counts the lines it was sent, and those it had been sent at its last flush, keeping no bytes. */
    static final class LineCounter extends OutputStream {

        long lines;
        long flushedLines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void flush() {
            flushedLines = lines;
        }
    }
}
