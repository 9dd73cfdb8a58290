package org.consentledger.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The sites of the run: the two the service seeds on its first start, and more that import the same two policy
 * pages through {@code POST /sites/{s}/policies/import}, taking effect early enough for late arrivals of weeks.
 */
final class SiteSetup {

    static final List<String> SEEDED = List.of("juleslesmart.opendatasoft.com", "smartbump.opendatasoft.com");
    /** Late arrivals reach 28 days back; the ledger accepts 30. */
    private static final Duration POLICY_AGE = Duration.ofDays(29);

    private SiteSetup() {
    }

    static List<Workload.Site> publish(LedgerClient client, int count) throws Exception {
        List<Workload.Site> sites = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String id : SEEDED) {
            JsonNode v1 = client.policy(id, 1);
            sites.add(new Workload.Site(id, Instant.parse(v1.path("effectiveFrom").asString())));
            texts.add(v1.path("text").asString());
        }
        Instant effectiveFrom = Instant.now().minus(POLICY_AGE).truncatedTo(ChronoUnit.SECONDS);
        for (int i = SEEDED.size(); i < count; i++) {
            String id = "site-%03d.example.org".formatted(i);
            JsonNode receipt = client.importPolicy(id, texts.get(i % texts.size()), effectiveFrom);
            sites.add(new Workload.Site(id, Instant.parse(receipt.path("effectiveFrom").asString())));
        }
        return List.copyOf(sites);
    }
}
