package org.consentledger.ledger.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consentledger.ledger.export.EventRecords.Read;
import org.consentledger.ledger.personal.DataKey;
import org.consentledger.ledger.personal.DataKeys;
import org.consentledger.store.events.SiteEventRows;

/**
 * A site's events recorded in a window, read from the event table a page at a time up to the store's head when the
 * export began: events appended meanwhile are left to the next export, so that the export is of one moment. Each
 * page asks for the data keys of its streams in one statement.
 */
final class SitePages implements EventPages {

    private final SiteEventRows rows;
    private final DataKeys keys;
    private final String siteId;
    private final Window window;
    private final long head;
    private final int pageSize;

    SitePages(SiteEventRows rows, DataKeys keys, String siteId, Window window, long head, int pageSize) {
        this.rows = rows;
        this.keys = keys;
        this.siteId = siteId;
        this.window = window;
        this.head = head;
        this.pageSize = pageSize;
    }

    /**
     * Recorded at or after {@code from} and before {@code to}; either may be null for no bound.
     */
    record Window(Instant from, Instant to) {

        boolean contains(Instant recordedAt) {
            return (from == null || !recordedAt.isBefore(from)) && (to == null || recordedAt.isBefore(to));
        }
    }

    @Override
    public Page next(long after) {
        List<SiteEventRows.Row> page = rows.page(siteId, after, head, pageSize);
        List<Read> inWindow = new ArrayList<>();
        Set<String> sealedStreams = new LinkedHashSet<>();
        for (SiteEventRows.Row row : page) {
            Read read = EventRecords.read(row);
            if (window.contains(read.recordedAt())) {
                inWindow.add(read);
                if (read.sealed()) {
                    sealedStreams.add(row.stream());
                }
            }
        }
        // Asked now rather than cached: a key destroyed by an erasure since the last page is not used again.
        Map<String, DataKey> streamKeys = sealedStreams.isEmpty() ? Map.of() : keys.current(sealedStreams);
        List<ExportedEvent> events = inWindow.stream()
                .map(read -> EventRecords.record(read, streamKeys.get(read.row().stream())))
                .toList();
        long last = page.isEmpty() ? after : page.get(page.size() - 1).globalIndex();
        return new Page(events, last, page.size() == pageSize);
    }
}
