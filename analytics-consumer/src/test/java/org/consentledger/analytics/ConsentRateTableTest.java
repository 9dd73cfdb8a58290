package org.consentledger.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ConsentRateTableTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate DAY = LocalDate.parse("2026-11-20");

    final ConsentRateTable table = new ConsentRateTable(100);

    @Test
    void grantsAndDenialsAreCountedPerSiteDayAndCategoryOnceEachHoweverOftenDelivered() {
        JsonNode consent = given("e1", "2026-11-20T23:59:59Z", "[\"statistics\"]", "[\"third-party\"]");
        assertThat(table.add(consent)).isTrue();
        assertThat(table.add(consent)).isFalse();
        table.add(given("e2", "2026-11-20T08:00:00Z", "[]", "[\"statistics\"]"));
        table.add(given("e3", "2026-11-21T00:00:00Z", "[\"statistics\"]", "[]"));

        ConsentRateTable.Counts statistics = table.rows().get(new ConsentRateTable.Key("shop", DAY, "statistics"));
        assertThat(statistics.granted()).isEqualTo(1);
        assertThat(statistics.denied()).isEqualTo(1);
        assertThat(statistics.grantRate()).isEqualTo(0.5);
        assertThat(table.rows().get(new ConsentRateTable.Key("shop", DAY.plusDays(1), "statistics")).granted())
                .isEqualTo(1);
        assertThat(table.duplicates()).isEqualTo(1);
        assertThat(table.render()).contains("shop", "2026-11-20", "statistics", "50%");
    }

    @Test
    void withdrawingEverythingCountsForEachCategoryThatRequiredConsentInThatVersion() {
        table.add(JSON.readTree("""
                {"id": "p1", "type": "org.consentledger.policy.published", "data": {"siteId": "shop", "version": 2,
                 "categories": [{"id": "necessary", "consentRequired": false},
                                {"id": "statistics", "consentRequired": true},
                                {"id": "ads", "consentRequired": true}]}}
                """));
        table.add(withdrawn("w1", 2, "[]"));
        table.add(withdrawn("w2", 2, "[\"ads\"]"));

        assertThat(table.rows().get(new ConsentRateTable.Key("shop", DAY, "statistics")).withdrawn()).isEqualTo(1);
        assertThat(table.rows().get(new ConsentRateTable.Key("shop", DAY, "ads")).withdrawn()).isEqualTo(2);
        assertThat(table.rows()).doesNotContainKey(new ConsentRateTable.Key("shop", DAY, "necessary"));
    }

    @Test
    void anErasureLeavesEveryRateAsItWas() {
        table.add(given("e1", "2026-11-20T10:00:00Z", "[\"statistics\"]", "[]"));
        ConsentRateTable.Key statistics = new ConsentRateTable.Key("shop", DAY, "statistics");

        assertThat(table.add(JSON.readTree("""
                {"id": "x1", "type": "org.consentledger.subject.erased", "subject": "p1",
                 "data": {"siteId": "shop", "erasureId": "ticket-1", "reason": "art17-request",
                          "recordedAt": "2026-11-21T10:00:00Z"}}
                """))).isTrue();
        assertThat(table.rows()).containsOnlyKeys(statistics);
        assertThat(table.rows().get(statistics).granted()).isEqualTo(1);
    }

    @Test
    void aBoundedMemoryOfIdsForgetsTheOldestFirst() {
        ConsentRateTable small = new ConsentRateTable(2);
        small.add(given("a", "2026-11-20T10:00:00Z", "[\"x\"]", "[]"));
        small.add(given("b", "2026-11-20T10:00:00Z", "[\"x\"]", "[]"));
        small.add(given("c", "2026-11-20T10:00:00Z", "[\"x\"]", "[]"));
        assertThat(small.add(given("c", "2026-11-20T10:00:00Z", "[\"x\"]", "[]"))).isFalse();
        assertThat(small.add(given("a", "2026-11-20T10:00:00Z", "[\"x\"]", "[]"))).isTrue();
    }

    @Test
    void ratesAreAlsoKeptPerNoticeShownAndMethodOfChoice() {
        ConsentRateTable table = new ConsentRateTable(100);
        table.add(inContext("c1", "banner-a", "accept-all", "[\"statistics\", \"ads\"]", "[]"));
        table.add(inContext("c2", "banner-a", "custom", "[\"statistics\"]", "[\"ads\"]"));
        table.add(inContext("c3", "banner-b", "custom", "[]", "[\"statistics\", \"ads\"]"));
        table.add(given("c4", "2026-11-20T10:00:00Z", "[\"statistics\"]", "[]"));

        Map<ConsentRateTable.ChoiceKey, ConsentRateTable.Counts> rows = table.byNoticeAndMethod();
        assertThat(rows.get(new ConsentRateTable.ChoiceKey("shop", "banner-a", "accept-all")).grantRate())
                .isEqualTo(1.0);
        assertThat(rows.get(new ConsentRateTable.ChoiceKey("shop", "banner-a", "custom")).grantRate())
                .isEqualTo(0.5);
        assertThat(rows.get(new ConsentRateTable.ChoiceKey("shop", "banner-b", "custom")).grantRate()).isZero();
        assertThat(rows.get(new ConsentRateTable.ChoiceKey("shop", "-", "-")).granted()).as("no context said")
                .isEqualTo(1);
        assertThat(table.render()).contains("banner-a", "accept-all", "100%");
    }

    private static JsonNode inContext(String id, String noticeId, String method, String granted, String denied) {
        return JSON.readTree("""
                {"id": "%s", "type": "org.consentledger.consent.given",
                 "data": {"siteId": "shop", "occurredAt": "2026-11-20T10:00:00Z", "granted": %s, "denied": %s,
                          "context": {"noticeId": "%s", "method": "%s"}}}
                """.formatted(id, granted, denied, noticeId, method));
    }

    private static JsonNode given(String id, String occurredAt, String granted, String denied) {
        return JSON.readTree("""
                {"id": "%s", "type": "org.consentledger.consent.given",
                 "data": {"siteId": "shop", "occurredAt": "%s", "granted": %s, "denied": %s}}
                """.formatted(id, occurredAt, granted, denied));
    }

    private static JsonNode withdrawn(String id, int version, String categories) {
        return JSON.readTree("""
                {"id": "%s", "type": "org.consentledger.consent.withdrawn",
                 "data": {"siteId": "shop", "policyVersion": %d, "occurredAt": "2026-11-20T12:00:00Z", "categories": %s}}
                """.formatted(id, version, categories));
    }
}
