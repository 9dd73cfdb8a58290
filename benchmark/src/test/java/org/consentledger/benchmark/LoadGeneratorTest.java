package org.consentledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");

    private final Workload.Site young = new Workload.Site("young.example", NOW.minus(Duration.ofMinutes(10)));
    private final Workload.Site old = new Workload.Site("old.example", NOW.minus(Duration.ofDays(29)));
    private final Workload workload = new Workload(List.of(young, old), 500, 0.15, 0.2, 0.01, 7, "t");
    private final LoadGenerator generator = new LoadGenerator(workload, 1, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void decisionsOccurAfterTheirPolicyAndWithinTheBackfill() {
        for (int i = 0; i < 20_000; i++) {
            Decision d = generator.next();
            Instant at = occurredAt(d);
            Workload.Site site = d.siteId().equals(young.id()) ? young : old;
            assertThat(at).isAfterOrEqualTo(site.effectiveFrom()).isBeforeOrEqualTo(NOW)
                    .isAfter(NOW.minus(Duration.ofDays(29)));
            assertThat(at.getNano() % 1_000_000).isZero();
        }
    }

    @Test
    void idsAreNeverReusedForOtherContentAndDuplicatesAreIdentical() {
        Map<String, String> bodies = new HashMap<>();
        int duplicates = 0;
        int withdrawals = 0;
        int late = 0;
        for (int i = 0; i < 20_000; i++) {
            Decision d = generator.next();
            String earlier = bodies.putIfAbsent(d.submissionId(), d.body());
            assertThat(earlier == null || earlier.equals(d.body())).isTrue();
            assertThat(d.duplicate()).isEqualTo(earlier != null);
            duplicates += d.duplicate() ? 1 : 0;
            withdrawals += d.withdrawal() && !d.duplicate() ? 1 : 0;
            late += occurredAt(d).isBefore(NOW.minusSeconds(60)) ? 1 : 0;
        }
        assertThat(duplicates).isBetween(100, 300);
        assertThat(withdrawals).isBetween(2_500, 3_500);
        assertThat(late).isBetween(3_000, 5_000);
    }

    @Test
    void aBatchIsOneSitesVisitorsAndNamesEachVisitor() {
        List<Decision> batch = generator.batch(200);
        assertThat(batch).extracting(Decision::siteId).containsOnly(batch.get(0).siteId());
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < workload.visitors(); i++) {
            if (workload.siteOf(i).id().equals(batch.get(0).siteId())) {
                visitors.add(Workload.visitorId(i));
            }
        }
        assertThat(batch).extracting(Decision::visitorId).allMatch(visitors::contains);
        String body = Decision.batchBody(batch.subList(0, 2));
        assertThat(body).startsWith("{\"decisions\":[{\"visitorId\":\"" + batch.get(0).visitorId() + "\",\"")
                .contains(batch.get(1).body()).endsWith("}]}");
    }

    @Test
    void consentsDecideSomethingAndNeverRefuseWhatNeedsNoConsent() {
        for (int i = 0; i < 2_000; i++) {
            Decision d = generator.next();
            if (!d.withdrawal()) {
                assertThat(d.body()).contains("\"granted\":[\"necessary\"").doesNotContain("\"denied\":[\"necessary\"");
            } else {
                // Withdrawing everything is said explicitly; an empty list is refused.
                assertThat(d.body()).doesNotContain("necessary").doesNotContain("\"categories\":[]")
                        .containsAnyOf("\"all\":true", "\"categories\":[\"");
            }
        }
    }

    private static Instant occurredAt(Decision d) {
        Matcher m = OCCURRED_AT.matcher(d.body());
        assertThat(m.find()).isTrue();
        return Instant.parse(m.group(1));
    }
}
