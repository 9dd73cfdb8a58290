package org.consentledger.ledger.export;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes an export page by page: each page's records go out, and are flushed to the client, before the next page is
 * read, so an export holds one page in memory whatever the number of events, and a client sees it arrive as it is
 * read.
 */
final class ExportStream {

    private ExportStream() {
    }

    /** The number of events written. */
    static long write(EventPages pages, RecordWriter writer, OutputStream out) throws IOException {
        writer.begin(out);
        long written = 0;
        long after = 0;
        EventPages.Page page;
        do {
            page = pages.next(after);
            for (ExportedEvent event : page.events()) {
                writer.write(event, out);
                written++;
            }
            out.flush();
            after = page.last();
        } while (page.more());
        return written;
    }
}
