package org.consentledger.ledger.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.GiveConsent;
import org.consentledger.api.consent.Receipt;
import org.consentledger.api.consent.VisitorConsent;
import org.consentledger.api.consent.VisitorStreams;
import org.consentledger.api.consent.WithdrawConsent;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerInstance;
import org.consentledger.ledger.MutableClock;
import org.consentledger.ledger.policy.PublishedPolicies;
import org.consentledger.ledger.write.LedgerWriter;
import org.consentledger.projections.consent.RenewalWindow;
import org.consentledger.projections.consent.SignalAnswers;
import org.consentledger.verifier.ConsentModes;
import org.consentledger.verifier.PointInTimeResolver;
import org.consentledger.verifier.SignalDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * On many random histories (late arrivals, policy changes, withdrawals, expiry, TC and GPP strings, Consent Mode
 * mappings), the read model fed by the streaming processor answers exactly what folding the streams straight from the
 * event store answers, at every instant and for every state of knowledge: the consent, the TC and GPP strings in
 * force, and the Consent Mode states. The seed is printed, so a failure can be replayed.
 */
class ReadModelMatchesEventStoreIT {

    static final long SEED = Long.getLong("ledger.test.seed", System.nanoTime());
    static final List<Duration> MAX_AGES = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30));
    static final List<String> OPTIONAL = List.of("statistics", "first-party", "third-party", "marketing");

    @TempDir
    Path data;

    final Random random = new Random(SEED);
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final Map<String, List<CookiePolicy>> published = new HashMap<>();
    final Map<String, List<Instant>> instantsOfInterest = new HashMap<>();
    final List<String> tcStrings = strings("/signals/tc-strings.json", "tcString");
    final List<String> gppStrings = strings("/signals/gpp-strings.json", "gppString");

    @Test
    void readModelAnswersEqualTheEventStoreFoldOnRandomHistories() {
        try (LedgerInstance ledger = LedgerInstance.start(data, clock, Map.of("ledger.policy.seed-on-start", false))) {
            LedgerWriter commands = ledger.bean(LedgerWriter.class);
            List<String> sites = List.of("a.example.org", "b.example.org", "c.example.org", "d.example.org");
            List<String[]> visitors = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                visitors.add(new String[] {sites.get(random.nextInt(sites.size())), "visitor-" + i});
            }
            for (String site : sites) {
                publishNextVersion(commands, site);
            }
            int recorded = 0;
            for (int step = 0; step < 1_200; step++) {
                clock.advance(Duration.ofSeconds(1 + random.nextInt(4 * 3600)));
                if (random.nextInt(60) == 0) {
                    publishNextVersion(commands, sites.get(random.nextInt(sites.size())));
                    continue;
                }
                String[] visitor = visitors.get(random.nextInt(visitors.size()));
                recorded += submit(commands, visitor[0], visitor[1], step) ? 1 : 0;
            }
            assertThat(recorded).as("seed %d: valid submissions recorded", SEED).isGreaterThan(900);
            ledger.awaitProjectionsCaughtUp();

            QueryGateway queries = ledger.bean(QueryGateway.class);
            SignalAnswers signals = ledger.bean(SignalAnswers.class);
            PublishedPolicies policies = ledger.bean(PublishedPolicies.class);
            EventStoreFold fold = new EventStoreFold(ledger.bean(EventStore.class), ledger.bean(VisitorStreams.class),
                    ledger.bean(RenewalWindow.class).renewBefore());
            int compared = 0;
            int withSignals = 0;
            for (String[] visitor : visitors) {
                for (int i = 0; i < 25; i++) {
                    ConsentAt query = new ConsentAt(visitor[0], visitor[1], instant(visitor, false),
                            instant(visitor, true));
                    ConsentAnswer fromReadModel = queries.query(query,
                            ResponseTypes.optionalInstanceOf(VisitorConsent.class)).join().orElseThrow().answer();
                    ConsentAnswer folded = fold.answer(query);
                    assertThat(fromReadModel).as("seed %d, %s", SEED, query).isEqualTo(folded);
                    List<SignalDecision> foldedSignals = fold.signals(query);
                    assertThat(signals.tcfInForce(query)).as("seed %d, TCF %s", SEED, query)
                            .isEqualTo(PointInTimeResolver.tcfAt(query, foldedSignals));
                    assertThat(signals.gppInForce(query)).as("seed %d, GPP %s", SEED, query)
                            .isEqualTo(PointInTimeResolver.gppAt(query, foldedSignals));
                    withSignals += PointInTimeResolver.tcfAt(query, foldedSignals).isPresent() ? 1 : 0;
                    assertThat(ConsentModes.of(fromReadModel, Optional.ofNullable(fromReadModel.policyVersion())
                            .flatMap(v -> policies.version(query.siteId(), v))))
                            .as("seed %d, Consent Mode %s", SEED, query)
                            .isEqualTo(ConsentModes.of(folded, fold.policies(query.siteId()).stream()
                                    .map(CookiePolicyPublished::policy)
                                    .filter(p -> Integer.valueOf(p.version()).equals(folded.policyVersion()))
                                    .findFirst()));
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(120 * 25);
            assertThat(withSignals).as("answers with a TC string in force").isGreaterThan(100);
        }
    }

    private void publishNextVersion(LedgerWriter commands, String site) {
        List<CookiePolicy> versions = published.computeIfAbsent(site, s -> new ArrayList<>());
        Instant after = versions.isEmpty() ? clock.instant().minus(Duration.ofDays(40))
                : versions.get(versions.size() - 1).effectiveFrom();
        Instant effectiveFrom = after.plus(Duration.ofMinutes(1 + random.nextInt(20 * 24 * 60)));
        List<CookieCategory> categories = new ArrayList<>(List.of(new CookieCategory("necessary", "Necessary", null, false)));
        List<Cookie> cookies = new ArrayList<>(List.of(new Cookie("sessionid", "Site", "login", "session", "necessary")));
        for (String id : OPTIONAL) {
            if (random.nextInt(4) > 0) {
                categories.add(new CookieCategory(id, id, null, true));
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    // Few names and providers, so cookies recur, move between categories and come and go.
                    cookies.add(new Cookie("ck" + random.nextInt(6), "p" + random.nextInt(2), "f", "p", id));
                }
            }
        }
        cookies = cookies.stream().filter(distinct()).toList();
        TreeMap<String, String> consentMode = new TreeMap<>();
        for (String type : ConsentModes.TYPES) {
            if (random.nextInt(3) > 0) {
                consentMode.put(type, categories.get(random.nextInt(categories.size())).id());
            }
        }
        CookiePolicy policy = new CookiePolicy(site, versions.size() + 1, effectiveFrom,
                MAX_AGES.get(random.nextInt(MAX_AGES.size())), categories, cookies, null, null, consentMode);
        commands.record(new PublishCookiePolicy(policy), PolicyReceipt.class);
        versions.add(policy);
        interesting(site, effectiveFrom, clock.instant());
    }

    private static java.util.function.Predicate<Cookie> distinct() {
        List<Cookie> seen = new ArrayList<>();
        return cookie -> {
            if (seen.stream().anyMatch(cookie::sameCookieAs)) {
                return false;
            }
            return seen.add(cookie);
        };
    }

    /** A valid consent or withdrawal at a random instant in the window the ledger accepts; true when recorded. */
    private boolean submit(LedgerWriter commands, String site, String visitor, int step) {
        Instant now = clock.instant();
        Instant occurredAt = now.minus(Duration.ofSeconds(random.nextInt(29 * 24 * 3600)))
                .plusSeconds(random.nextInt(240));
        List<CookiePolicy> inForce = published.get(site).stream()
                .filter(p -> !p.effectiveFrom().isAfter(occurredAt)).toList();
        if (inForce.isEmpty()) {
            return false;
        }
        CookiePolicy newest = inForce.get(inForce.size() - 1);
        List<String> optional = newest.categories().stream().filter(CookieCategory::consentRequired)
                .map(CookieCategory::id).toList();
        Instant recordedAt;
        if (random.nextInt(4) == 0 || optional.isEmpty()) {
            List<String> withdrawn = random.nextBoolean() ? List.of() : pick(optional);
            recordedAt = commands.record(new WithdrawConsent(site, visitor, "w-" + step, occurredAt, withdrawn),
                    Receipt.class).recordedAt();
        } else {
            // Banners may still show an older version that is in force too.
            CookiePolicy version = inForce.get(random.nextInt(inForce.size()));
            List<String> choices = version.categories().stream().filter(CookieCategory::consentRequired)
                    .map(CookieCategory::id).toList();
            if (choices.isEmpty()) {
                return false;
            }
            List<String> granted = pick(choices);
            List<String> denied = choices.stream().filter(c -> !granted.contains(c) && random.nextBoolean()).toList();
            if (granted.isEmpty() && denied.isEmpty()) {
                return false;
            }
            String tcString = random.nextInt(3) == 0 ? null : tcStrings.get(random.nextInt(tcStrings.size()));
            String gppString = random.nextInt(3) == 0 ? gppStrings.get(random.nextInt(gppStrings.size())) : null;
            recordedAt = commands.record(new GiveConsent(site, visitor, "c-" + step, version.version(), occurredAt,
                    granted, denied, "banner", Map.of(), null, tcString, gppString, random.nextInt(4) == 0, null),
                    Receipt.class).recordedAt();
            interesting(site + "/" + visitor, occurredAt.plus(version.consentMaxAge()));
        }
        interesting(site + "/" + visitor, occurredAt, recordedAt);
        return true;
    }

    private static List<String> strings(String resource, String field) {
        try (InputStream in = ReadModelMatchesEventStoreIT.class.getResourceAsStream(resource)) {
            return JsonMapper.builder().build().readTree(in).get("cases").valueStream()
                    .map(c -> c.get(field).asString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> pick(List<String> from) {
        return from.stream().filter(c -> random.nextBoolean()).toList();
    }

    private void interesting(String key, Instant... instants) {
        instantsOfInterest.computeIfAbsent(key, k -> new ArrayList<>()).addAll(List.of(instants));
    }

    /**
     * An instant on, just before or just after something that happened to this visitor or site, or a random one;
     * {@code known} keeps it within what the ledger has recorded (asOf cannot be in the future, at can).
     */
    private Instant instant(String[] visitor, boolean known) {
        List<Instant> candidates = new ArrayList<>(instantsOfInterest.getOrDefault(visitor[0], List.of()));
        candidates.addAll(instantsOfInterest.getOrDefault(visitor[0] + "/" + visitor[1], List.of()));
        Instant base = random.nextInt(5) == 0 || candidates.isEmpty()
                ? clock.instant().minus(Duration.ofSeconds(random.nextInt(60 * 24 * 3600)))
                : candidates.get(random.nextInt(candidates.size()));
        Instant shifted = base.plus(Duration.ofNanos(1_000L * (random.nextInt(3) - 1)));
        return known && shifted.isAfter(clock.instant()) ? clock.instant() : shifted;
    }
}
