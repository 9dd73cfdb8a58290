package org.consentledger.ledger.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * Banners at work: consents and withdrawals for many visitors of the seed sites, over HTTP, some arriving late.
 * Every submission carries evidence with personal data, which must never leave the ledger.
 */
final class Traffic {

    static final List<String> SITES = List.of("juleslesmart.opendatasoft.com", "smartbump.opendatasoft.com");
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0 visitor-fingerprint";
    static final List<String> OPTIONAL = List.of("statistics", "first-party", "third-party");

    private final LedgerInstance ledger;
    private final MutableClock clock;
    private final Instant policiesFrom;
    private final Random random;
    private int submitted;

    Traffic(LedgerInstance ledger, MutableClock clock, Instant policiesFrom, long seed) {
        this.ledger = ledger;
        this.clock = clock;
        this.policiesFrom = policiesFrom;
        this.random = new Random(seed);
    }

    /** One recorded event as its receipt told it. */
    record Recorded(String eventId, String type, String siteId, String visitorId, Instant recordedAt) {
    }

    List<Recorded> submit(int events, int visitors) {
        List<Recorded> recorded = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            recorded.add(submitOne("visitor-" + random.nextInt(visitors)));
        }
        return recorded;
    }

    Recorded submitOne(String visitor) {
        Instant now = clock.advance(Duration.ofMillis(1 + random.nextInt(2_000)));
        String site = SITES.get(random.nextInt(SITES.size()));
        long lateBy = Math.min(Duration.between(policiesFrom, now).toMillis(), random.nextInt(4) == 0 ? 600_000 : 0);
        Instant occurredAt = now.minusMillis(lateBy > 0 ? random.nextLong(lateBy) : 0);
        String id = "s-" + (submitted++);
        String path = "/api/v1/sites/" + site + "/visitors/" + visitor;
        LedgerInstance.Response response = random.nextInt(5) == 0
                ? ledger.post(path + "/withdrawals", """
                        {"withdrawalId": "%s", "occurredAt": "%s", %s}
                        """.formatted(id, occurredAt, withdrawn(pick())))
                : ledger.post(path + "/consents", """
                        {"consentId": "%s", "policyVersion": 1, "occurredAt": "%s", "granted": %s, "denied": %s,
                         "source": "banner", "evidence": {"userAgent": "%s", "language": "fr-FR", "ip": "192.0.2.44"}}
                        """.formatted(id, occurredAt, json(List.of("statistics")), json(List.of("third-party")),
                        USER_AGENT));
        if (response.status() != 201) {
            throw new AssertionError("submission refused: " + response);
        }
        JsonNode receipt = response.json();
        return new Recorded(receipt.get("eventId").asString(), receipt.get("type").asString(), site, visitor,
                Instant.parse(receipt.get("recordedAt").asString()));
    }

    private List<String> pick() {
        return OPTIONAL.stream().filter(c -> random.nextBoolean()).toList();
    }

    /** The categories picked, or every category when none was. */
    private static String withdrawn(List<String> categories) {
        return categories.isEmpty() ? "\"all\": true" : "\"categories\": " + json(categories);
    }

    private static String json(List<String> ids) {
        return ids.stream().map(id -> "\"" + id + "\"").toList().toString();
    }
}
