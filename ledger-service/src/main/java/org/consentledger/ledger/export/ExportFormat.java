package org.consentledger.ledger.export;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.consentledger.ledger.LedgerRejection;

/** The forms a site's events are exported in, named by the {@code format} parameter. */
enum ExportFormat {

    NDJSON("ndjson", "application/x-ndjson", "ndjson", NdjsonRecords::new),
    CSV("csv", "text/csv;charset=UTF-8", "csv", CsvRecords::new),
    ISO27560("iso27560", "application/x-ndjson", "iso27560.ndjson", Iso27560Records::new);

    static final String NDJSON_TYPE = "application/x-ndjson";
    static final String CSV_TYPE = "text/csv";

    private final String name;
    private final String contentType;
    private final String extension;
    private final Supplier<RecordWriter> writer;

    ExportFormat(String name, String contentType, String extension, Supplier<RecordWriter> writer) {
        this.name = name;
        this.contentType = contentType;
        this.extension = extension;
        this.writer = writer;
    }

    /** The format named, NDJSON when none is. */
    static ExportFormat of(String name) {
        if (name == null || name.isEmpty()) {
            return NDJSON;
        }
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst()
                .orElseThrow(() -> LedgerRejection.malformed("format", "'%s' is not an export format: one of %s"
                        .formatted(name, Arrays.stream(values()).map(f -> f.name).collect(Collectors.joining(", ")))));
    }

    String contentType() {
        return contentType;
    }

    /** The name a browser saves the export under. */
    String fileName(String siteId) {
        return siteId + "-events." + extension;
    }

    RecordWriter writer() {
        return writer.get();
    }
}
