package org.consentledger.ledger.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.ledger.export.VisitorExport.ExportedErasure;
import org.consentledger.ledger.export.VisitorExport.ExportedNotice;
import org.consentledger.ledger.export.VisitorExport.ExportedPolicyVersion;

/**
 * A visitor's export as one self-contained HTML page for a person to read: headings, tables with captions and header
 * cells, dark text on light backgrounds, no script and no resource from elsewhere. Everything the visitor or a client
 * sent is untrusted, so every text is escaped, and the page's Content-Security-Policy allows its one style sheet only.
 */
final class VisitorPage {

    private static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#fff;"
            + "margin:2rem}main{max-width:80rem}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}"
            + "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}"
            + "caption{text-align:left;font-weight:600;padding:.25rem 0}"
            + "th,td{border:1px solid #5c5c5c;padding:.35rem .5rem;text-align:left;vertical-align:top}"
            + "thead th{background:#e9e9e9}dl{margin:0}dt{font-weight:600}dd{margin:0 0 .25rem 1rem}"
            + "code{font-family:ui-monospace,monospace;word-break:break-all}";

    /** Nothing may load or run but the page's own style sheet, named by its digest. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final StringBuilder html = new StringBuilder(16_384);

    private VisitorPage() {
    }

    static String render(VisitorExport export) {
        return new VisitorPage().page(export);
    }

    private String page(VisitorExport export) {
        String title = "Consent records of visitor " + export.visitorId() + " on " + export.siteId();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(escape(title)).append("</h1>\n<p>")
                .append("Everything the consent ledger of ").append(escape(export.siteId()))
                .append(" holds on this visitor, as of ").append(escape(export.exportedAt())).append(" (UTC).</p>\n");
        consent(export.consent());
        events(export.events());
        policyVersions(export.policyVersions());
        notices(export.notices());
        erasures(export.erasures());
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private void consent(ConsentAnswer answer) {
        html.append("<h2>Current consent</h2>\n<p>Policy version in force: ")
                .append(answer.policyVersion() == null ? "none" : escape(answer.policyVersion())).append(". ")
                .append(Boolean.TRUE.equals(answer.mustAsk()) ? "The site should ask again: "
                        + escape(String.join(", ", answer.askReasons())) + "." : "The site need not ask again.")
                .append("</p>\n");
        table("Each category of the policy in force and the visitor's choice", List.of("Category", "Status",
                "Decided by event"), answer.categories().stream().map(category -> List.<Object>of(category.id(),
                category.status(), category.decidedBy() == null ? "none" : category.decidedBy())).toList());
    }

    private void events(List<Map<String, Object>> events) {
        html.append("<h2>Events</h2>\n<p>Every event recorded about the visitor, in the order the ledger recorded "
                + "them. \"personal: erased\" marks an event whose personal data was erased.</p>\n");
        table("The visitor's events", List.of("Recorded at", "Type", "Details"), events.stream()
                .map(event -> List.<Object>of(value(event.get("recordedAt")), value(event.get("type")), event))
                .toList());
    }

    private void policyVersions(List<ExportedPolicyVersion> versions) {
        html.append("<h2>Policy versions</h2>\n");
        table("The cookie policy versions these events refer to", List.of("Version", "Effective from",
                "Recorded at", "Event", "Event hash"), versions.stream().map(v -> List.<Object>of(v.version(),
                v.effectiveFrom(), v.recordedAt(), v.eventId(), value(v.hash()))).toList());
    }

    private void notices(List<ExportedNotice> notices) {
        html.append("<h2>Notices</h2>\n");
        table("The banners these events say the visitor was shown", List.of("Notice", "Policy version",
                "Digest", "Recorded at", "Event"), notices.stream().map(n -> List.<Object>of(n.noticeId(),
                n.policyVersion(), n.digest(), n.recordedAt(), n.eventId())).toList());
    }

    private void erasures(List<ExportedErasure> erasures) {
        html.append("<h2>Erasures</h2>\n");
        table("The visitor's erasures", List.of("Erasure", "Reason", "Erased at"), erasures.stream()
                .map(e -> List.<Object>of(e.erasureId(), e.reason(), e.at())).toList());
    }

    private void table(String caption, List<String> headers, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            html.append("<p>").append(escape(caption)).append(": none.</p>\n");
            return;
        }
        html.append("<table>\n<caption>").append(escape(caption)).append("</caption>\n<thead><tr>");
        headers.forEach(header -> html.append("<th scope=\"col\">").append(escape(header)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> {
                html.append("<td>");
                cell(cell);
                html.append("</td>");
            });
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** A value; an object as a list of its members, nested ones in turn. */
    private void cell(Object value) {
        if (value instanceof Map<?, ?> members) {
            html.append("<dl>");
            members.forEach((name, member) -> {
                html.append("<dt>").append(escape(name)).append("</dt><dd>");
                cell(member);
                html.append("</dd>");
            });
            html.append("</dl>");
        } else {
            html.append("<code>").append(escape(value(value))).append("</code>");
        }
    }

    private static String value(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : String.join(", ", list.stream().map(VisitorPage::value).toList());
        }
        return value.toString();
    }

    static String escape(Object text) {
        String value = String.valueOf(text);
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
