package org.consentledger.ledger.export;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.databind.json.JsonMapper;

/** One JSON object a line (NDJSON): each event's record as it is. */
final class NdjsonRecords implements RecordWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void write(ExportedEvent event, OutputStream out) throws IOException {
        line(event.record(), out);
    }

    /** The node on one line: JSON escapes line breaks within strings, so a record never spans two. */
    static void line(Object node, OutputStream out) throws IOException {
        out.write(JSON.writeValueAsBytes(node));
        out.write('\n');
    }
}
