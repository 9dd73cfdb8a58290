package org.consentledger.ledger.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.consentledger.api.EventType;
import tools.jackson.databind.JsonNode;

/**
 * CSV (RFC 4180, UTF-8, CRLF) with a fixed header row: one row an event, the columns a spreadsheet needs, lists
 * joined by {@code ;}. Evidence, TC and GPP strings and what the ledger decoded from them are in the NDJSON export.
 */
final class CsvRecords implements RecordWriter {

    private record Column(String name, Function<ExportedEvent, String> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            member("eventId"), member("type"), member("recordedAt"), member("occurredAt"),
            new Column("siteId", e -> siteOf(e.text("stream"))),
            member("visitorId"),
            new Column("policyVersion", e -> first(e, "policyVersion", "policy/version", "notice/policyVersion")),
            list("granted", "granted"), list("denied", "denied"), list("categories", "categories"),
            member("method", "context/method"), member("surface", "context/surface"),
            new Column("noticeId", e -> first(e, "context/noticeId", "notice/noticeId")),
            member("origin", "browser/origin"), member("language", "context/language"),
            member("regulation", "context/regulation"), member("country", "context/country"),
            member("region", "context/region"), member("source"), list("gpcOptedOut", "gpc/optedOut"),
            member("consentId"), member("withdrawalId"), member("effectiveFrom", "policy/effectiveFrom"),
            member("digest"), member("erasureId"), member("reason"), member("requestedAt"),
            member("stream"), member("sequence"), member("hash"),
            new Column("personal", CsvRecords::personal));

    /** The header row's column names, in order. */
    static List<String> header() {
        return COLUMNS.stream().map(Column::name).toList();
    }

    @Override
    public void begin(OutputStream out) throws IOException {
        out.write(row(header()));
    }

    @Override
    public void write(ExportedEvent event, OutputStream out) throws IOException {
        out.write(row(COLUMNS.stream().map(column -> column.value().apply(event)).toList()));
    }

    private static byte[] row(List<String> cells) {
        StringBuilder line = new StringBuilder(256);
        for (String cell : cells) {
            line.append(line.isEmpty() ? "" : ",").append(cell(cell));
        }
        return line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A cell, quoted when it holds a comma, a quote or a line break; one that a spreadsheet would run as a formula
     * (starting with {@code = + - @}, a tab or a carriage return) is prefixed with {@code '}, as values here are
     * untrusted input.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** {@code present} or {@code erased} for an event with a personal part, empty for one without. */
    private static String personal(ExportedEvent event) {
        if (event.erased()) {
            return ExportedEvent.ERASED;
        }
        return event.type() == EventType.CONSENT_GIVEN || event.type() == EventType.CONSENT_WITHDRAWN
                ? "present" : null;
    }

    private static String siteOf(String stream) {
        int slash = stream.indexOf('/');
        return slash < 0 ? stream : stream.substring(0, slash);
    }

    private static String first(ExportedEvent event, String... paths) {
        for (String path : paths) {
            String value = event.text(path);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static Column member(String name) {
        return member(name, name);
    }

    private static Column member(String name, String path) {
        return new Column(name, e -> e.text(path));
    }

    private static Column list(String name, String path) {
        return new Column(name, e -> {
            JsonNode values = e.record().at("/" + path);
            if (!values.isArray()) {
                return null;
            }
            StringBuilder joined = new StringBuilder();
            values.forEach(value -> joined.append(joined.isEmpty() ? "" : ";").append(value.asString()));
            return joined.toString();
        });
    }
}
