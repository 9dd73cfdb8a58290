package org.consentledger.ledger.export;

import java.util.List;

/** Where an export reads its events from, one page at a time in the store's global order. */
interface EventPages {

    /** The page after global index {@code after} (0 for the first). */
    Page next(long after);

    /**
     * @param events the page's events that belong in the export, in order
     * @param last   the global index of the page's last event read, where the next page starts
     * @param more   whether another page may follow
     */
    record Page(List<ExportedEvent> events, long last, boolean more) {
    }
}
