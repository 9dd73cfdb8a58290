package org.consentledger.ledger.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.LedgerProcess;
import org.consentledger.ledger.TestDatabase;
import org.consentledger.verifier.BundleVerifier;
import org.consentledger.verifier.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A visitor asks the site to forget them (GDPR art. 17). The ledger erases them over HTTP, and afterwards holds their
 * id and what the banner saw of them nowhere in clear, in no table, file, log line or metric, before the erasure as
 * after it, while every proof it gave still verifies and the erasure itself is proven.
 */
class ErasureIT {

    static final String SITE = "/api/v1/sites/smartbump.opendatasoft.com";

    @TempDir
    Path data;

    final String visitor = "erasable-" + UUID.randomUUID();
    final String marker = "marker-" + UUID.randomUUID();
    final String path = SITE + "/visitors/" + visitor;

    @Test
    void anErasedVisitorIsForgottenWhileEveryProofStillHolds() throws Exception {
        List<String> logs = new ArrayList<>();
        String bundleBefore;
        PublicKey key;
        try (LedgerProcess ledger = LedgerProcess.start(data, data.resolve("run-1"), List.of())) {
            assertThat(consent(ledger, "c-1", now()).status()).isEqualTo(201);
            assertThat(ledger.send("POST", path + "/withdrawals", """
                    {"withdrawalId": "w-1", "occurredAt": "%s", "categories": ["third-party"]}
                    """.formatted(now())).status()).isEqualTo(201);
            assertThat(consent(ledger, "c-2", now()).status()).isEqualTo(201);
            key = Main.readPublicKey(ledger.send("GET", "/.well-known/consent-ledger/checkpoint-key.pem", null).body());
            bundleBefore = ledger.send("GET", path + "/evidence", null).body();
            assertThat(bundleBefore).contains(marker);
            assertThat(BundleVerifier.verify(bundleBefore, key).verified()).isTrue();
            assertNowhereInClear(ledger.send("GET", "/actuator/prometheus", null).body(), "the metrics");

            var erased = erase(ledger, "ticket-17", "art17-request");
            assertThat(erased.status()).as(erased.toString()).isEqualTo(202);
            JsonNode receipt = erased.json();
            assertThat(receipt.get("replayed").asBoolean()).isFalse();
            var again = erase(ledger, "ticket-17", "art17-request");
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.json().get("eventId")).isEqualTo(receipt.get("eventId"));
            assertThat(again.json().get("replayed").asBoolean()).isTrue();
            assertThat(erase(ledger, "ticket-17", "other").status()).isEqualTo(409);
            var nobody = ledger.send("POST", SITE + "/visitors/never-seen/erasure", """
                    {"erasureId": "ticket-18", "reason": "art17-request"}""");
            assertThat(nobody.status()).isEqualTo(404);
            assertThat(nobody.json().get("field").asString()).isEqualTo("visitorId");

            assertErased(ledger, receipt);
            // The auditor's bundle from before the erasure still verifies, and the erasure's own bundle proves it.
            assertThat(BundleVerifier.verify(bundleBefore, key).verified()).isTrue();
            String bundleAfter = ledger.send("GET", path + "/evidence", null).body();
            BundleVerifier.Verification after = BundleVerifier.verify(bundleAfter, key);
            assertThat(after.verified()).as(after.findings().toString()).isTrue();
            assertThat(bundleAfter).contains("subject.erased", "\"personal\":\"erased\"").doesNotContain(marker);
            JsonNode audit = ledger.send("POST", "/api/v1/audit/verify", "").json();
            assertThat(audit.get("intact").asBoolean()).as(audit.toString()).isTrue();
            assertThat(audit.get("erasedEvents").asLong()).isEqualTo(4);

            // Seen again after the erasure: a new stream, with a new key.
            assertThat(consent(ledger, "c-1", now()).status()).isEqualTo(201);
            JsonNode events = ledger.send("GET", path + "/events", null).json().get("events");
            assertThat(events).hasSize(5);
            assertThat(events.get(4).get("visitorId").asString()).isEqualTo(visitor);
            assertThat(events.get(4).get("sequence").asLong()).isZero();
            assertNowhereInClear(ledger.send("GET", "/actuator/prometheus", null).body(), "the metrics");
            logs.add(ledger.log());
        }
        try (LedgerProcess restarted = LedgerProcess.start(data, data.resolve("run-2"), List.of())) {
            restarted.replayReadModels();
            JsonNode answer = restarted.send("GET", path + "/consent", null).json();
            assertThat(answer.at("/basis/events").asInt()).as("only the consent given since").isEqualTo(1);
            assertThat(answer.has("erased")).as("answered from the new stream alone").isFalse();
            JsonNode events = restarted.send("GET", path + "/events", null).json().get("events");
            assertThat(events.get(0).get("personal").asString()).isEqualTo("erased");
            assertThat(restarted.send("POST", "/api/v1/audit/verify", "").json().get("intact").asBoolean()).isTrue();
            logs.add(restarted.log());
        }
        for (String log : logs) {
            assertNowhereInClear(log, "the service's log");
        }
        assertNowhereInTheDatabase();
    }

    private void assertErased(LedgerProcess ledger, JsonNode receipt) throws Exception {
        JsonNode answer = ledger.send("GET", path + "/consent", null).json();
        assertThat(answer.get("erased").get("erasureId").asString()).isEqualTo("ticket-17");
        assertThat(answer.get("erased").get("reason").asString()).isEqualTo("art17-request");
        assertThat(answer.get("erased").get("at").asString()).isEqualTo(receipt.get("recordedAt").asString());
        assertThat(answer.at("/basis/events").asInt()).as("answered as for a visitor never seen").isZero();
        answer.get("categories").forEach(c -> assertThat(c.get("status").asString()).isIn("EXEMPT", "NOT_ASKED"));

        JsonNode events = ledger.send("GET", path + "/events", null).json().get("events");
        assertThat(events).hasSize(4);
        for (int i = 0; i < 3; i++) {
            assertThat(events.get(i).get("personal").asString()).isEqualTo("erased");
            assertThat(events.get(i).has("visitorId")).isFalse();
            assertThat(events.get(i).has("occurredAt")).as("the public part stays").isTrue();
        }
        assertThat(events.get(3).get("type").asString()).isEqualTo("SubjectErased");
        assertThat(events.toString()).doesNotContain(marker);
    }

    /** The visitor chose just now (the seed policy took effect when the ledger first started). */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private LedgerInstance.Response consent(LedgerProcess ledger, String consentId, Instant at) throws Exception {
        return ledger.send("POST", path + "/consents", """
                {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": ["statistics"],
                 "denied": ["third-party"], "source": "banner", "evidence": {"userAgent": "%s", "language": "fr"}}
                """.formatted(consentId, at, marker));
    }

    private LedgerInstance.Response erase(LedgerProcess ledger, String erasureId, String reason) throws Exception {
        return ledger.send("POST", path + "/erasure", """
                {"erasureId": "%s", "reason": "%s", "requestedAt": "2026-12-01T09:00:00Z"}""".formatted(erasureId, reason));
    }

    private void assertNowhereInClear(String text, String where) {
        assertThat(text).as("the visitor id in " + where).doesNotContain(visitor);
        assertThat(text).as("the evidence in " + where).doesNotContain(marker);
    }

    /**
     * PostgreSQL: what {@code pg_dump} writes of the database, and the files of its tables and indexes after a
     * {@code VACUUM}, read from the server's data directory (the tests run on the server's machine).
     */
    private void assertNowhereInPostgresFiles(String url) throws Exception {
        List<Path> files = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(url)) {
            db.setAutoCommit(true);
            db.createStatement().execute("vacuum");
            Path dataDirectory;
            try (ResultSet rs = db.createStatement().executeQuery("show data_directory")) {
                rs.next();
                dataDirectory = Path.of(rs.getString(1));
            }
            try (ResultSet rs = db.createStatement().executeQuery("""
                    select pg_relation_filepath(c.oid) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                     where n.nspname = 'public' and c.relkind in ('r', 'i', 't')""")) {
                while (rs.next()) {
                    if (rs.getString(1) != null) {
                        files.add(dataDirectory.resolve(rs.getString(1)));
                    }
                }
            }
        }
        StringBuilder raw = new StringBuilder();
        for (Path file : files) {
            if (Files.exists(file)) {
                raw.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(raw).as("the table files hold the public parts in clear").contains("smartbump.opendatasoft.com");
        assertNowhereInClear(raw.toString(), "PostgreSQL's table files");

        java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
        String user = uri.getQuery() == null ? "postgres" : uri.getQuery().replaceAll(".*user=([^&]+).*", "$1");
        Path dump = data.resolve("dump.sql");
        Process pgDump = new ProcessBuilder(pgDump(), "-h", uri.getHost(), "-p", Integer.toString(uri.getPort()),
                "-U", user, "-f", dump.toString(), uri.getPath().substring(1)).redirectErrorStream(true).start();
        String output = new String(pgDump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pgDump.waitFor()).as(output).isZero();
        String dumped = Files.readString(dump);
        assertThat(dumped).contains("smartbump.opendatasoft.com");
        assertNowhereInClear(dumped, "pg_dump's output");
        // pg_dump writes bytea columns (the events' payloads) in hex.
        assertThat(dumped).doesNotContain(hex(visitor)).doesNotContain(hex(marker))
                .contains(hex("smartbump.opendatasoft.com"));
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The newest PostgreSQL's pg_dump among Debian's, or the one on the PATH. */
    private static String pgDump() throws Exception {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var found = versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                        .max(java.util.Comparator.comparing(Path::toString));
                if (found.isPresent()) {
                    return found.get().toString();
                }
            }
        }
        return "pg_dump";
    }

    /** Every value of every table, and the database's own files, with the service stopped. */
    private void assertNowhereInTheDatabase() throws Exception {
        String url = TestDatabase.forDirectory(data).get("spring.datasource.url").toString();
        String tables = TestDatabase.textOfEveryTable(data);
        assertThat(tables).as("the public parts are read in clear").contains("smartbump.opendatasoft.com");
        assertNowhereInClear(tables, "the tables");
        if (url.startsWith("jdbc:postgresql:")) {
            assertNowhereInPostgresFiles(url);
        }
        if (url.startsWith("jdbc:h2:")) {
            try (Stream<Path> files = Files.list(data)) {
                List<Path> databaseFiles = files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).toList();
                assertThat(databaseFiles).isNotEmpty();
                for (Path file : databaseFiles) {
                    String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    // What is public is there in clear: the scan reads what the database wrote.
                    assertThat(raw).contains("smartbump.opendatasoft.com", "art17-request");
                    assertNowhereInClear(raw, "the database file " + file.getFileName());
                }
            }
        }
    }
}
