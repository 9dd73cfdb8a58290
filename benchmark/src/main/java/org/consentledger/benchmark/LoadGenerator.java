package org.consentledger.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Valid decisions as real banners send them: mostly "accept all" or "reject all", some custom choices, later
 * changes of mind, withdrawals, late arrivals (offline apps, queued back ends) and the odd resubmission after a
 * lost response. One generator per client thread: it is not thread-safe, and its submission ids are its own.
 */
final class LoadGenerator {

    static final List<String> CONSENT_REQUIRED = List.of("statistics", "first-party", "third-party");
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36");
    private static final List<String> LANGUAGES = List.of("fr", "en", "de", "es", "it", "nl");
    private static final int RECENT_PER_SITE = 64;

    private final Workload workload;
    private final Clock clock;
    private final SplittableRandom random;
    private final String idPrefix;
    private final Decision[][] recent;
    private final int[] recentCount;
    private long submissions;

    LoadGenerator(Workload workload, int client, Clock clock) {
        this.workload = workload;
        this.clock = clock;
        this.random = new SplittableRandom(workload.seed() * 1_000_003L + client);
        this.idPrefix = workload.runTag() + "-" + client + "-";
        this.recent = new Decision[workload.sites().size()][RECENT_PER_SITE];
        this.recentCount = new int[workload.sites().size()];
    }

    /** A decision of a random visitor of any site. */
    Decision next() {
        int visitor = random.nextInt(workload.visitors());
        return decide(visitor % workload.sites().size(), visitor);
    }

    /** Decisions for one site, as its batch endpoint takes them. */
    List<Decision> batch(int size) {
        int site = random.nextInt(workload.sites().size());
        List<Decision> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(decide(site, workload.visitor(site, random.nextInt(workload.visitorsOf(site)))));
        }
        return batch;
    }

    /**
     * A consent of a visitor nobody else writes for, occurring now: the answer for now must name its event as
     * soon as the read model has it, and no other event can take its place.
     */
    Decision probe(long n) {
        Workload.Site site = workload.sites().get(random.nextInt(workload.sites().size()));
        String id = "probe-" + idPrefix + n;
        String body = consentBody(id, occurredAt(site, Duration.ZERO), List.of("necessary", "statistics"),
                List.of("third-party"));
        return new Decision(site.id(), id, false, id, body, false);
    }

    private Decision decide(int siteIndex, int visitor) {
        if (recentCount[siteIndex] > 0 && random.nextDouble() < workload.duplicates()) {
            Decision[] ring = recent[siteIndex];
            return ring[random.nextInt(Math.min(recentCount[siteIndex], RECENT_PER_SITE))].asDuplicate();
        }
        Workload.Site site = workload.sites().get(siteIndex);
        Instant occurredAt = occurredAt(site, offset());
        String visitorId = Workload.visitorId(visitor);
        Decision d = random.nextDouble() < workload.withdrawals()
                ? withdrawal(site.id(), visitorId, occurredAt)
                : consent(site.id(), visitorId, occurredAt);
        recent[siteIndex][recentCount[siteIndex]++ % RECENT_PER_SITE] = d;
        return d;
    }

    private Decision consent(String siteId, String visitorId, Instant occurredAt) {
        List<String> granted = new ArrayList<>(List.of("necessary"));
        List<String> denied = new ArrayList<>();
        double style = random.nextDouble();
        for (String category : CONSENT_REQUIRED) {
            // About 45% accept all, 30% reject all, the rest choose category by category.
            boolean grant = style < 0.45 || (style >= 0.75 && random.nextBoolean());
            (grant ? granted : denied).add(category);
        }
        String id = "c-" + idPrefix + submissions++;
        return new Decision(siteId, visitorId, false, id, consentBody(id, occurredAt, granted, denied), false);
    }

    private Decision withdrawal(String siteId, String visitorId, Instant occurredAt) {
        List<String> categories = new ArrayList<>();
        // None picked: everything withdrawn ("all": true), as a "withdraw all" button does.
        if (random.nextDouble() >= 0.4) {
            while (categories.isEmpty()) {
                for (String category : CONSENT_REQUIRED) {
                    if (random.nextBoolean()) {
                        categories.add(category);
                    }
                }
            }
        }
        String id = "w-" + idPrefix + submissions++;
        String body = "{\"withdrawalId\":\"" + id + "\",\"occurredAt\":\"" + occurredAt + "\","
                + (categories.isEmpty() ? "\"all\":true" : "\"categories\":" + array(categories)) + "}";
        return new Decision(siteId, visitorId, true, id, body, false);
    }

    private String consentBody(String id, Instant occurredAt, List<String> granted, List<String> denied) {
        double s = random.nextDouble();
        String source = s < 0.8 ? "banner" : s < 0.95 ? "preferences-page" : "mobile-app";
        return "{\"consentId\":\"" + id + "\",\"policyVersion\":1,\"occurredAt\":\"" + occurredAt
                + "\",\"granted\":" + array(granted) + ",\"denied\":" + array(denied)
                + ",\"source\":\"" + source + "\",\"evidence\":{\"userAgent\":\""
                + USER_AGENTS.get(random.nextInt(USER_AGENTS.size())) + "\",\"language\":\""
                + LANGUAGES.get(random.nextInt(LANGUAGES.size())) + "\"}}";
    }

    /** How long before now the visitor chose: seconds for most, minutes to weeks for late arrivals. */
    private Duration offset() {
        if (random.nextDouble() >= workload.lateArrivals()) {
            return Duration.ofMillis(random.nextLong(3_000));
        }
        double kind = random.nextDouble();
        if (kind < 0.5) {
            return Duration.ofSeconds(60 + random.nextLong(59 * 60));
        }
        if (kind < 0.8) {
            return Duration.ofMinutes(60 + random.nextLong(47 * 60));
        }
        // Stays well inside the ledger's 30-day max-backfill, whatever the time between generating and sending.
        return Duration.ofHours(48 + random.nextLong(26 * 24));
    }

    /**
     * Now minus the offset, at millisecond precision, and never before the site's policy took effect (the two
     * seeded sites' policies start when the service does): an offset reaching past that is drawn again in between.
     */
    Instant occurredAt(Workload.Site site, Duration offset) {
        Instant now = clock.instant();
        Instant floor = site.effectiveFrom().plusNanos(999_999).truncatedTo(ChronoUnit.MILLIS);
        Instant at = now.minus(offset).truncatedTo(ChronoUnit.MILLIS);
        if (at.isBefore(floor)) {
            long room = Math.max(0, Duration.between(floor, now).toMillis());
            at = floor.plusMillis(room == 0 ? 0 : random.nextLong(room + 1));
        }
        return at;
    }

    private static String array(List<String> values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            s.append(i > 0 ? ",\"" : "\"").append(values.get(i)).append('"');
        }
        return s.append(']').toString();
    }
}
