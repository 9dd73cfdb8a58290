package org.consentledger.ledger.export;

import java.io.IOException;
import java.io.OutputStream;

/** Writes an export's events in one format, each as soon as it is given. */
interface RecordWriter {

    /** What comes before the first event (a header row), if anything. */
    default void begin(OutputStream out) throws IOException {
    }

    /** The event's record or records; none for an event the format has no place for. */
    void write(ExportedEvent event, OutputStream out) throws IOException;
}
