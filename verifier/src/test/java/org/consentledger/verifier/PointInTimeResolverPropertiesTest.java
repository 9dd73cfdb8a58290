package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAnswer.CategoryAnswer;
import org.consentledger.api.consent.ConsentAnswer.CookieAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;

/**
 * The point-in-time rule checked on random sites and random visitor histories: against a naive forward replay
 * written straight from the rule, and against properties any answer must have.
 *
 * <p>Times lie on a grid of whole days (plus or minus a nanosecond for the instants asked about), so that ties on
 * {@code occurredAt}, {@code recordedAt == asOf}, {@code effectiveFrom == at} and grants exactly as old as their
 * max age all happen often.
 */
class PointInTimeResolverPropertiesTest {

    private static final int TRIES = 500;

    private static final String SITE = "shop.example";
    private static final String VISITOR = "visitor-42";
    private static final Instant DAY_ZERO = Instant.parse("2024-01-01T00:00:00Z");

    private static final String NECESSARY = "necessary";
    private static final List<String> OPTIONAL_CATEGORIES = List.of("preferences", "statistics", "marketing",
            "social");
    /** Every category an event may name: the policies' ones and one no policy ever had. */
    private static final List<String> NAMEABLE_CATEGORIES = List.of(NECESSARY, "preferences", "statistics",
            "marketing", "social", "retired");
    private static final List<String> COOKIE_NAMES = List.of("_ga", "_gid", "_fbp", "lang", "_hjid");
    private static final List<String> PROVIDERS = List.of("google", "meta", "shop.example");

    // --- properties ---------------------------------------------------------------------------------------------

    /** Also checks that the random worlds reach every status, and the expiry boundary, often enough. */
    @Property(tries = TRIES)
    @StatisticsReport(onFailureOnly = true)
    void agrees_with_a_forward_replay_of_the_history(@ForAll("worlds") World world) {
        ConsentAnswer answer = world.resolve();

        // When to ask again is told as stories of its own (AskAgainTest); the reference replays the statuses.
        assertThat(answer.withoutAsking()).isEqualTo(Reference.answer(world));

        classify(world, answer);
        Statistics.label("category status").coverage(coverage -> {
            for (ConsentStatus status : List.of(ConsentStatus.EXEMPT, ConsentStatus.GRANTED, ConsentStatus.DENIED,
                    ConsentStatus.WITHDRAWN, ConsentStatus.EXPIRED, ConsentStatus.NOT_ASKED)) {
                coverage.check(status).count(n -> n >= 10);
            }
        });
        Statistics.label("cookie reason").coverage(coverage ->
                coverage.check(ConsentStatus.NOT_IN_CONSENTED_POLICY).count(n -> n >= 5));
        Statistics.label("grant age").coverage(coverage -> {
            coverage.check("exactly max age").count(n -> n >= 1);
            coverage.check("one nanosecond over max age").count(n -> n >= 1);
        });
        Statistics.label("policy in force").coverage(coverage -> {
            coverage.check("none").count(n -> n >= 10);
            coverage.check("some").percentage(p -> p >= 50);
        });
    }

    private static void classify(World world, ConsentAnswer answer) {
        Statistics.label("policy in force").collect(answer.policyVersion() == null ? "none" : "some");
        answer.categories().forEach(c -> Statistics.label("category status").collect(c.status()));
        answer.cookies().forEach(c -> Statistics.label("cookie reason").collect(c.reason()));
        for (CategoryAnswer category : answer.categories()) {
            if (category.status() == ConsentStatus.GRANTED || category.status() == ConsentStatus.EXPIRED) {
                Decision grant = world.history().stream()
                        .filter(d -> d.eventId().equals(category.decidedBy())).findFirst().orElseThrow();
                Duration maxAge = Reference.version(world, grant.policyVersion()).consentMaxAge();
                Duration age = Duration.between(grant.occurredAt(), world.query().at());
                Statistics.label("grant age").collect(
                        age.equals(maxAge) ? "exactly max age"
                                : age.equals(maxAge.plusNanos(1)) ? "one nanosecond over max age"
                                : age.compareTo(maxAge) < 0 ? "younger than max age" : "older than max age");
            }
        }
    }

    @Property(tries = TRIES)
    void does_not_depend_on_the_order_of_the_policies_or_of_the_history(@ForAll("worlds") World world,
                                                                        @ForAll Random random) {
        List<CookiePolicyPublished> policies = new ArrayList<>(world.policies());
        List<Decision> history = new ArrayList<>(world.history());
        Collections.shuffle(policies, random);
        Collections.shuffle(history, random);

        assertThat(PointInTimeResolver.resolve(world.query(), policies, history)).isEqualTo(world.resolve());
    }

    @Property(tries = TRIES)
    void events_recorded_after_asOf_or_occurring_after_at_never_change_the_answer(@ForAll("worlds") World world) {
        ConsentAnswer answer = world.resolve();
        Instant at = world.query().at();
        Instant asOf = world.query().asOf();

        assertThat(world.keeping(d -> !d.recordedAt().isAfter(asOf)).resolve()).isEqualTo(answer);
        assertThat(world.keeping(d -> !d.occurredAt().isAfter(at)).resolve()).isEqualTo(answer);
        assertThat(world.keeping(d -> !d.recordedAt().isAfter(asOf) && !d.occurredAt().isAfter(at)).resolve())
                .isEqualTo(answer);
    }

    @Property(tries = TRIES)
    void a_version_published_after_asOf_changes_nothing(@ForAll("worlds") World world,
                                                        @ForAll @IntRange(min = -60, max = 120) int effectiveDay,
                                                        @ForAll @IntRange(min = 0, max = 30) int daysAfterAsOf) {
        CookiePolicy last = world.policies().stream().map(CookiePolicyPublished::policy)
                .max(Comparator.comparingInt(CookiePolicy::version)).orElseThrow();
        CookiePolicy future = new CookiePolicy(SITE, last.version() + 1, day(effectiveDay), Duration.ofDays(1),
                List.of(new CookieCategory(NECESSARY, NECESSARY, NECESSARY, false)),
                List.of(new Cookie("late", "shop.example", "f", "p", NECESSARY)), null);
        Instant recordedAt = world.query().asOf().plus(Duration.ofDays(daysAfterAsOf)).plusNanos(1);
        List<CookiePolicyPublished> policies = new ArrayList<>(world.policies());
        policies.add(new CookiePolicyPublished(future, recordedAt));

        assertThat(PointInTimeResolver.resolve(world.query(), policies, world.history())).isEqualTo(world.resolve());
    }

    @Property(tries = TRIES)
    void answers_every_category_and_cookie_of_the_policy_in_force_in_policy_order(@ForAll("worlds") World world) {
        ConsentAnswer answer = world.resolve();
        CookiePolicy inForce = Reference.policyInForce(world);

        assertThat(answer.siteId()).isEqualTo(SITE);
        assertThat(answer.visitorId()).isEqualTo(VISITOR);
        assertThat(answer.at()).isEqualTo(world.query().at());
        assertThat(answer.asOf()).isEqualTo(world.query().asOf());
        if (inForce == null) {
            assertThat(answer.policyVersion()).isNull();
            assertThat(answer.categories()).isEmpty();
            assertThat(answer.cookies()).isEmpty();
            return;
        }
        assertThat(answer.policyVersion()).isEqualTo(inForce.version());
        assertThat(answer.categories()).extracting(CategoryAnswer::id)
                .containsExactlyElementsOf(inForce.categories().stream().map(CookieCategory::id).toList());
        assertThat(answer.cookies()).extracting(c -> c.name() + "|" + c.provider() + "|" + c.category())
                .containsExactlyElementsOf(inForce.cookies().stream()
                        .map(c -> c.name() + "|" + c.provider() + "|" + c.category()).toList());
    }

    @Property(tries = TRIES)
    void a_cookie_is_allowed_exactly_when_exempt_or_granted(@ForAll("worlds") World world) {
        ConsentAnswer answer = world.resolve();

        Set<ConsentStatus> allowing = Set.of(ConsentStatus.EXEMPT, ConsentStatus.GRANTED);
        assertThat(answer.cookies())
                .allSatisfy(c -> assertThat(c.allowed()).isEqualTo(allowing.contains(c.reason())));
        assertThat(answer.categories()).extracting(CategoryAnswer::status)
                .doesNotContain(ConsentStatus.NOT_IN_CONSENTED_POLICY);
    }

    @Property(tries = TRIES)
    void every_decision_names_a_visible_event_that_touches_the_category(@ForAll("worlds") World world) {
        ConsentAnswer answer = world.resolve();
        ConsentAt query = world.query();
        Map<String, Decision> byId = world.history().stream()
                .collect(Collectors.toMap(Decision::eventId, d -> d));
        Map<String, CategoryAnswer> categories = new HashMap<>();

        for (CategoryAnswer category : answer.categories()) {
            categories.put(category.id(), category);
            switch (category.status()) {
                case EXEMPT -> assertThat(category)
                        .returns(null, CategoryAnswer::decidedBy)
                        .returns(answer.policyVersion(), CategoryAnswer::policyVersion);
                case NOT_ASKED -> assertThat(category)
                        .returns(null, CategoryAnswer::decidedBy)
                        .returns(null, CategoryAnswer::policyVersion);
                default -> {
                    Decision decision = byId.get(category.decidedBy());
                    assertThat(decision).as("event %s deciding %s", category.decidedBy(), category.id())
                            .isNotNull();
                    assertThat(decision.occurredAt()).isBeforeOrEqualTo(query.at());
                    assertThat(decision.recordedAt()).isBeforeOrEqualTo(query.asOf());
                    assertThat(Reference.touches(decision, category.id())).isTrue();
                    assertThat(category.policyVersion()).isEqualTo(decision.policyVersion());
                    assertThat(decision.kind() == Decision.Kind.WITHDRAWN)
                            .isEqualTo(category.status() == ConsentStatus.WITHDRAWN);
                }
            }
        }
        assertThat(answer.cookies()).allSatisfy(cookie ->
                assertThat(cookie.decidedBy()).isEqualTo(categories.get(cookie.category()).decidedBy()));
    }

    // --- the naive reference ------------------------------------------------------------------------------------

    /** The rule, replayed forward event by event. */
    static final class Reference {

        static ConsentAnswer answer(World world) {
            ConsentAt query = world.query();
            CookiePolicy inForce = policyInForce(world);
            if (inForce == null) {
                return new ConsentAnswer(SITE, VISITOR, query.at(), query.asOf(), null, List.of(), List.of(),
                        basis(world));
            }

            List<Decision> visible = new ArrayList<>();
            for (Decision decision : world.history()) {
                if (decision.occurredAt().compareTo(query.at()) <= 0
                        && decision.recordedAt().compareTo(query.asOf()) <= 0) {
                    visible.add(decision);
                }
            }
            visible.sort((a, b) -> a.occurredAt().equals(b.occurredAt())
                    ? Long.compare(a.sequence(), b.sequence())
                    : a.occurredAt().compareTo(b.occurredAt()));

            Map<String, Decision> lastTouching = new LinkedHashMap<>();
            for (Decision decision : visible) {
                if (decision.kind() == Decision.Kind.GIVEN) {
                    decision.granted().forEach(id -> lastTouching.put(id, decision));
                    decision.denied().forEach(id -> lastTouching.put(id, decision));
                } else if (decision.withdrawn().isEmpty()) {
                    inForce.categories().forEach(c -> lastTouching.put(c.id(), decision));
                } else {
                    decision.withdrawn().forEach(id -> lastTouching.put(id, decision));
                }
            }

            List<CategoryAnswer> categories = new ArrayList<>();
            Map<String, CookiePolicy> grantedUnder = new HashMap<>();
            for (CookieCategory category : inForce.categories()) {
                Decision decision = lastTouching.get(category.id());
                if (!category.consentRequired()) {
                    categories.add(new CategoryAnswer(category.id(), ConsentStatus.EXEMPT, null, inForce.version()));
                } else if (decision == null) {
                    categories.add(new CategoryAnswer(category.id(), ConsentStatus.NOT_ASKED, null, null));
                } else {
                    ConsentStatus status;
                    if (decision.kind() == Decision.Kind.WITHDRAWN) {
                        status = ConsentStatus.WITHDRAWN;
                    } else if (decision.denied().contains(category.id())) {
                        status = ConsentStatus.DENIED;
                    } else {
                        CookiePolicy under = version(world, decision.policyVersion());
                        Instant validUntil = decision.occurredAt().plus(under.consentMaxAge());
                        status = query.at().isAfter(validUntil) ? ConsentStatus.EXPIRED : ConsentStatus.GRANTED;
                        grantedUnder.put(category.id(), under);
                    }
                    categories.add(new CategoryAnswer(category.id(), status, decision.eventId(),
                            decision.policyVersion()));
                }
            }

            List<CookieAnswer> cookies = new ArrayList<>();
            for (Cookie cookie : inForce.cookies()) {
                CategoryAnswer category = categories.stream().filter(c -> c.id().equals(cookie.category()))
                        .findFirst().orElseThrow();
                ConsentStatus reason = category.status();
                if (reason == ConsentStatus.GRANTED) {
                    boolean listed = false;
                    for (Cookie consented : grantedUnder.get(category.id()).cookies()) {
                        listed |= consented.name().equals(cookie.name())
                                && consented.provider().equals(cookie.provider())
                                && consented.category().equals(cookie.category());
                    }
                    if (!listed) {
                        reason = ConsentStatus.NOT_IN_CONSENTED_POLICY;
                    }
                }
                boolean allowed = reason == ConsentStatus.EXEMPT || reason == ConsentStatus.GRANTED;
                cookies.add(new CookieAnswer(cookie.name(), cookie.provider(), cookie.category(), allowed, reason,
                        category.decidedBy()));
            }
            return new ConsentAnswer(SITE, VISITOR, query.at(), query.asOf(), inForce.version(), categories,
                    cookies, basis(world));
        }

        /** What the answer was computed from, written out line by line and hashed. */
        static ConsentAnswer.AnswerBasis basis(World world) {
            ConsentAt query = world.query();
            java.util.TreeSet<Integer> versions = new java.util.TreeSet<>();
            for (CookiePolicyPublished published : world.policies()) {
                if (published.recordedAt().compareTo(query.asOf()) <= 0) {
                    versions.add(published.policy().version());
                }
            }
            List<Decision> visible = new ArrayList<>();
            for (Decision decision : world.history()) {
                if (decision.occurredAt().compareTo(query.at()) <= 0
                        && decision.recordedAt().compareTo(query.asOf()) <= 0) {
                    visible.add(decision);
                }
            }
            visible.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            String lines = "";
            for (int version : versions) {
                lines += "policy " + version + "\n";
            }
            for (Decision decision : visible) {
                lines += "event " + decision.eventId() + "\n";
            }
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return new ConsentAnswer.AnswerBasis(List.copyOf(versions), visible.size(),
                        java.util.HexFormat.of().formatHex(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The known version with the highest number among those already effective; null when there is none. */
        static CookiePolicy policyInForce(World world) {
            CookiePolicy inForce = null;
            for (CookiePolicyPublished published : world.policies()) {
                boolean known = published.recordedAt().compareTo(world.query().asOf()) <= 0;
                boolean effective = published.policy().effectiveFrom().compareTo(world.query().at()) <= 0;
                if (known && effective && (inForce == null || published.version() > inForce.version())) {
                    inForce = published.policy();
                }
            }
            return inForce;
        }

        static boolean touches(Decision decision, String category) {
            return decision.kind() == Decision.Kind.GIVEN
                    ? decision.granted().contains(category) || decision.denied().contains(category)
                    : decision.withdrawn().isEmpty() || decision.withdrawn().contains(category);
        }

        static CookiePolicy version(World world, int version) {
            return world.policies().stream().map(CookiePolicyPublished::policy)
                    .filter(p -> p.version() == version).findFirst().orElseThrow();
        }
    }

    // --- random sites and visitors ------------------------------------------------------------------------------

    record World(List<CookiePolicyPublished> policies, List<Decision> history, ConsentAt query) {

        ConsentAnswer resolve() {
            return PointInTimeResolver.resolve(query, policies, history);
        }

        World keeping(Predicate<Decision> kept) {
            return new World(policies, history.stream().filter(kept).toList(), query);
        }
    }

    private enum Choice { NONE, GRANT, DENY }

    private record VersionSpec(int daysAfterPrevious, int publishedDaysFromEffective, int maxAgeDays,
                               List<String> optionalCategories, int necessaryPosition, List<CookieSpec> cookies) {
    }

    private record CookieSpec(String name, String provider, int categoryPick) {
    }

    private record EventSpec(boolean withdrawal, int versionPick, int occurredDay, int recordingDelayDays,
                             List<Choice> choices, List<String> withdrawn) {
    }

    /**
     * A site with 2 or 3 policy versions, numbered from 1 and taking effect in that order, each recorded up to 10
     * days before or 25 days after it takes effect, with a random max age, an exempt category among 1 to 4 others
     * in random order, and cookies in any of them; a visitor's history of up to 10 grants, denials and withdrawals
     * (some withdrawing everything, some naming categories the policy in force lacks), under any version, many
     * recorded days after they occurred; and a question at a random instant as of a random instant.
     */
    @Provide
    Arbitrary<World> worlds() {
        return policies().flatMap(policies -> histories(policies.size()).flatMap(history -> Combinators.combine(
                        instantsAsked(policies, history),
                        instants(5, 170))
                .as((at, asOf) -> new World(policies, history, new ConsentAt(SITE, VISITOR, at, asOf)))));
    }

    /**
     * Mostly any instant; often exactly when a grant in the history reaches the max age of the version it was given
     * under, or one nanosecond before or after, so that the expiry boundary is hit.
     */
    private static Arbitrary<Instant> instantsAsked(List<CookiePolicyPublished> policies, List<Decision> history) {
        List<Instant> grantsReachingMaxAge = history.stream()
                .filter(d -> d.kind() == Decision.Kind.GIVEN && !d.granted().isEmpty())
                .map(d -> d.occurredAt().plus(policies.get(d.policyVersion() - 1).policy().consentMaxAge()))
                .toList();
        if (grantsReachingMaxAge.isEmpty()) {
            return instants(-5, 140);
        }
        Arbitrary<Instant> aroundMaxAge = Combinators.combine(
                        Arbitraries.of(grantsReachingMaxAge), Arbitraries.of(-1L, 0L, 0L, 1L))
                .as(Instant::plusNanos);
        return Arbitraries.frequencyOf(Tuple.of(2, instants(-5, 140)), Tuple.of(1, aroundMaxAge));
    }

    private Arbitrary<List<CookiePolicyPublished>> policies() {
        Arbitrary<CookieSpec> cookie = Combinators.combine(
                        Arbitraries.of(COOKIE_NAMES), Arbitraries.of(PROVIDERS), uniform(0, 99))
                .as(CookieSpec::new);
        Arbitrary<VersionSpec> version = Combinators.combine(
                        uniform(1, 40),
                        uniform(-10, 25),
                        uniform(1, 80),
                        Arbitraries.of(OPTIONAL_CATEGORIES).list().uniqueElements().ofMinSize(1).ofMaxSize(4),
                        uniform(0, 4),
                        cookie.list().ofMaxSize(7))
                .as(VersionSpec::new);
        return version.list().ofMinSize(2).ofMaxSize(3).map(PointInTimeResolverPropertiesTest::toPolicies);
    }

    private static List<CookiePolicyPublished> toPolicies(List<VersionSpec> specs) {
        List<CookiePolicyPublished> policies = new ArrayList<>();
        int effectiveDay = 0;
        for (int i = 0; i < specs.size(); i++) {
            VersionSpec spec = specs.get(i);
            // the first version takes effect within the first two weeks, later ones 1 to 40 days apart
            effectiveDay += i == 0 ? spec.daysAfterPrevious() % 14 : spec.daysAfterPrevious();
            List<String> categoryIds = new ArrayList<>(spec.optionalCategories());
            categoryIds.add(Math.min(spec.necessaryPosition(), categoryIds.size()), NECESSARY);
            List<CookieCategory> categories = categoryIds.stream()
                    .map(id -> new CookieCategory(id, id, "about " + id, !id.equals(NECESSARY)))
                    .toList();
            Map<String, Cookie> cookies = new LinkedHashMap<>();
            for (CookieSpec cookie : spec.cookies()) {
                String category = categoryIds.get(cookie.categoryPick() % categoryIds.size());
                cookies.putIfAbsent(cookie.name() + "@" + cookie.provider(),
                        new Cookie(cookie.name(), cookie.provider(), "function", "purpose", category));
            }
            CookiePolicy policy = new CookiePolicy(SITE, i + 1, day(effectiveDay),
                    Duration.ofDays(spec.maxAgeDays()), categories, List.copyOf(cookies.values()), null);
            policies.add(new CookiePolicyPublished(policy,
                    day(effectiveDay + spec.publishedDaysFromEffective())));
        }
        return policies;
    }

    private Arbitrary<List<Decision>> histories(int versions) {
        Arbitrary<EventSpec> event = Combinators.combine(
                        Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true)),
                        uniform(0, versions - 1),
                        uniform(0, 110),
                        Arbitraries.frequencyOf(
                                Tuple.of(3, Arbitraries.just(0)),
                                Tuple.of(2, uniform(1, 40))),
                        Arbitraries.frequency(Tuple.of(3, Choice.NONE), Tuple.of(3, Choice.GRANT),
                                        Tuple.of(1, Choice.DENY))
                                .list().ofSize(NAMEABLE_CATEGORIES.size()),
                        Arbitraries.frequencyOf(
                                Tuple.of(1, Arbitraries.just(List.<String>of())),
                                Tuple.of(2, Arbitraries.of(NAMEABLE_CATEGORIES).list().uniqueElements()
                                        .ofMinSize(1).ofMaxSize(3))))
                .as(EventSpec::new);
        // sequences: distinct, in an order unrelated to occurredAt or recordedAt
        Arbitrary<Long> sequence = Arbitraries.longs().between(1, 1_000).withDistribution(RandomDistribution.uniform());
        return event.list().ofMaxSize(10).withSizeDistribution(RandomDistribution.uniform())
                .flatMap(specs -> sequence.list().uniqueElements().ofSize(specs.size())
                        .map(sequences -> IntStream.range(0, specs.size())
                                .mapToObj(i -> toDecision("e" + i, sequences.get(i), specs.get(i)))
                                .toList()));
    }

    private static Decision toDecision(String eventId, long sequence, EventSpec spec) {
        Instant occurredAt = day(spec.occurredDay());
        Instant recordedAt = occurredAt.plus(Duration.ofDays(spec.recordingDelayDays()));
        int policyVersion = spec.versionPick() + 1;
        if (spec.withdrawal()) {
            return new Decision(eventId, sequence, Decision.Kind.WITHDRAWN, policyVersion, occurredAt, recordedAt,
                    List.of(), List.of(), spec.withdrawn());
        }
        List<String> granted = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        for (int i = 0; i < NAMEABLE_CATEGORIES.size(); i++) {
            switch (spec.choices().get(i)) {
                case GRANT -> granted.add(NAMEABLE_CATEGORIES.get(i));
                case DENY -> denied.add(NAMEABLE_CATEGORIES.get(i));
                case NONE -> { }
            }
        }
        return new Decision(eventId, sequence, Decision.Kind.GIVEN, policyVersion, occurredAt, recordedAt, granted,
                denied, List.of());
    }

    /** A whole day of the grid, or one nanosecond either side of it. */
    private static Arbitrary<Instant> instants(int fromDay, int toDay) {
        return Combinators.combine(uniform(fromDay, toDay), Arbitraries.of(-1L, 0L, 0L, 1L))
                .as((d, nanos) -> day(d).plusNanos(nanos));
    }

    private static Arbitrary<Integer> uniform(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    private static Instant day(int day) {
        return DAY_ZERO.plus(Duration.ofDays(day));
    }
}
