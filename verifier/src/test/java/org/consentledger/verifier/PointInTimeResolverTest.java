package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.api.consent.ConsentStatus.DENIED;
import static org.consentledger.api.consent.ConsentStatus.EXEMPT;
import static org.consentledger.api.consent.ConsentStatus.EXPIRED;
import static org.consentledger.api.consent.ConsentStatus.GRANTED;
import static org.consentledger.api.consent.ConsentStatus.NOT_ASKED;
import static org.consentledger.api.consent.ConsentStatus.NOT_IN_CONSENTED_POLICY;
import static org.consentledger.api.consent.ConsentStatus.WITHDRAWN;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAnswer.CategoryAnswer;
import org.consentledger.api.consent.ConsentAnswer.CookieAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentGivenV1;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.consent.ConsentWithdrawnV1;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The point-in-time rule, told as the stories of one visitor of {@code shop.example}.
 *
 * <p>The site published three versions of its cookie policy:
 * <ul>
 *   <li>v1, in force from 2024-01-01 (recorded 2023-12-15), consent valid 365 days: necessary (exempt),
 *       statistics ({@code _ga}, {@code _hjid}) and marketing ({@code _fbp});</li>
 *   <li>v2, in force from 2024-06-01 (recorded 2024-05-15), consent valid 30 days: adds preferences
 *       ({@code lang}), adds {@code _gid} to statistics and moves {@code _hjid} to marketing;</li>
 *   <li>v3, in force from 2024-09-01 but only recorded on 2024-10-15 (a retroactive publication), consent valid
 *       90 days: adds {@code _ttp} to marketing.</li>
 * </ul>
 */
class PointInTimeResolverTest {

    private static final String SITE = "shop.example";
    private static final String VISITOR = "visitor-42";

    private static final String NECESSARY = "necessary";
    private static final String PREFERENCES = "preferences";
    private static final String STATISTICS = "statistics";
    private static final String MARKETING = "marketing";

    private static final CookieCategory NECESSARY_CATEGORY =
            new CookieCategory(NECESSARY, "Strictly necessary", "Keeps the shop working", false);
    private static final CookieCategory PREFERENCES_CATEGORY =
            new CookieCategory(PREFERENCES, "Preferences", "Remembers your choices", true);
    private static final CookieCategory STATISTICS_CATEGORY =
            new CookieCategory(STATISTICS, "Statistics", "Counts visits", true);
    private static final CookieCategory MARKETING_CATEGORY =
            new CookieCategory(MARKETING, "Marketing", "Tailors advertising", true);

    private static final Cookie SESSION = cookie("session", "shop.example", NECESSARY);
    private static final Cookie LANG = cookie("lang", "shop.example", PREFERENCES);
    private static final Cookie GA = cookie("_ga", "google", STATISTICS);
    private static final Cookie GID = cookie("_gid", "google", STATISTICS);
    private static final Cookie HJID_AS_STATISTICS = cookie("_hjid", "hotjar", STATISTICS);
    private static final Cookie HJID_AS_MARKETING = cookie("_hjid", "hotjar", MARKETING);
    private static final Cookie FBP = cookie("_fbp", "meta", MARKETING);
    private static final Cookie TTP = cookie("_ttp", "tiktok", MARKETING);

    private static final int V1 = 1;
    private static final int V2 = 2;
    private static final int V3 = 3;

    private static final CookiePolicyPublished POLICY_V1 = published("2023-12-15T09:00:00Z", new CookiePolicy(SITE,
            V1, t("2024-01-01T00:00:00Z"), Duration.ofDays(365),
            List.of(NECESSARY_CATEGORY, STATISTICS_CATEGORY, MARKETING_CATEGORY),
            List.of(SESSION, GA, HJID_AS_STATISTICS, FBP), "v1"));
    private static final CookiePolicyPublished POLICY_V2 = published("2024-05-15T09:00:00Z", new CookiePolicy(SITE,
            V2, t("2024-06-01T00:00:00Z"), Duration.ofDays(30),
            List.of(NECESSARY_CATEGORY, PREFERENCES_CATEGORY, STATISTICS_CATEGORY, MARKETING_CATEGORY),
            List.of(SESSION, LANG, GA, GID, HJID_AS_MARKETING, FBP), "v2"));
    private static final CookiePolicyPublished POLICY_V3 = published("2024-10-15T09:00:00Z", new CookiePolicy(SITE,
            V3, t("2024-09-01T00:00:00Z"), Duration.ofDays(90),
            List.of(NECESSARY_CATEGORY, PREFERENCES_CATEGORY, STATISTICS_CATEGORY, MARKETING_CATEGORY),
            List.of(SESSION, LANG, GA, GID, HJID_AS_MARKETING, FBP, TTP), null));

    private static final List<CookiePolicyPublished> POLICIES = List.of(POLICY_V1, POLICY_V2, POLICY_V3);

    /** An asOf after everything in these stories was recorded. */
    private static final String NOW = "2030-01-01T00:00:00Z";
    /** While v1 is in force. */
    private static final String SPRING_2024 = "2024-04-01T00:00:00Z";
    /** While v2 is in force. */
    private static final String SUMMER_2024 = "2024-07-01T00:00:00Z";

    @Nested
    @DisplayName("the policy in force")
    class PolicyInForce {

        static Stream<Arguments> instants() {
            return Stream.of(
                    arguments("before v1 takes effect there is no policy",
                            "2023-12-31T23:59:59Z", NOW, null),
                    arguments("one nanosecond before v1 takes effect there is no policy",
                            "2023-12-31T23:59:59.999999999Z", NOW, null),
                    arguments("at the very instant v1 takes effect, v1 is in force",
                            "2024-01-01T00:00:00Z", NOW, V1),
                    arguments("asked as of before v1 was recorded, the ledger knew no policy",
                            SPRING_2024, "2023-12-15T08:59:59Z", null),
                    arguments("asked as of the instant v1 was recorded, v1 is known",
                            SPRING_2024, "2023-12-15T09:00:00Z", V1),
                    arguments("v2 is known but not yet effective, so v1 is still in force",
                            "2024-05-20T00:00:00Z", NOW, V1),
                    arguments("at the very instant v2 takes effect, v2 is in force",
                            "2024-06-01T00:00:00Z", NOW, V2),
                    arguments("asked as of before v2 was recorded, v1 is in force even in summer",
                            SUMMER_2024, "2024-05-15T08:59:59Z", V1),
                    arguments("v3 is effective but was published after asOf: it is ignored",
                            "2024-09-10T00:00:00Z", "2024-10-01T00:00:00Z", V2),
                    arguments("asked as of one nanosecond before v3 was recorded, v2 is in force",
                            "2024-09-10T00:00:00Z", "2024-10-15T08:59:59.999999999Z", V2),
                    arguments("asked as of when v3 was recorded, v3 applies retroactively",
                            "2024-09-10T00:00:00Z", "2024-10-15T09:00:00Z", V3),
                    arguments("v3 is known but not yet effective at the instant asked",
                            "2024-08-31T23:59:59.999999999Z", NOW, V2),
                    arguments("long after the last version, the last version is in force",
                            "2029-01-01T00:00:00Z", NOW, V3));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("instants")
        void is_the_newest_known_version_already_effective(String story, String at, String asOf, Integer expected) {
            ConsentAnswer answer = ask(at, asOf);

            assertThat(answer.policyVersion()).isEqualTo(expected);
            if (expected == null) {
                assertThat(answer.categories()).isEmpty();
                assertThat(answer.cookies()).isEmpty();
            } else {
                CookiePolicy policy = POLICIES.get(expected - 1).policy();
                assertThat(answer.categories()).extracting(CategoryAnswer::id)
                        .containsExactlyElementsOf(policy.categories().stream().map(CookieCategory::id).toList());
                assertThat(answer.cookies()).extracting(c -> cookie(c.name(), c.provider(), c.category()))
                        .containsExactlyElementsOf(policy.cookies());
            }
        }

        @Test
        void does_not_depend_on_the_order_policies_are_given_in() {
            List<CookiePolicyPublished> shuffled = List.of(POLICY_V3, POLICY_V1, POLICY_V2);
            ConsentAt query = query("2024-10-20T00:00:00Z", NOW);

            assertThat(PointInTimeResolver.resolve(query, shuffled, List.of()).policyVersion()).isEqualTo(V3);
            assertThat(PointInTimeResolver.resolve(query("2024-07-01T00:00:00Z", NOW), shuffled, List.of())
                    .policyVersion()).isEqualTo(V2);
        }

        @Test
        void a_site_without_any_policy_answers_with_no_version_and_nothing_allowed_even_with_history() {
            Decision grant = gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of());
            ConsentAt query = query(SPRING_2024, NOW);

            ConsentAnswer answer = PointInTimeResolver.resolve(query, List.of(), List.of(grant));

            assertThat(answer.withoutBasis().withoutAsking()).isEqualTo(new ConsentAnswer(SITE, VISITOR, t(SPRING_2024),
                    t(NOW), null, List.of(), List.of(), null));
            assertThat(answer.mustAsk()).as("no policy, nothing to ask about").isFalse();
        }

        @Test
        void the_answer_names_the_policy_versions_and_events_it_was_computed_from() {
            Decision grant = gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of());
            Decision later = gave("g2", 2, V1, "2024-05-01T10:00:00Z", of(), of(STATISTICS));
            ConsentAt query = query(SPRING_2024, NOW);

            ConsentAnswer.AnswerBasis basis = PointInTimeResolver.resolve(query, List.of(), List.of(later, grant))
                    .basis();

            assertThat(basis.policyVersions()).isEmpty();
            assertThat(basis.events()).isEqualTo(1);
            // The SHA-256 of the one line "event g1\n" (printf 'event g1\n' | sha256sum).
            assertThat(basis.digest()).isEqualTo("1dd8795a92952172790641bc0a8b080036d0a0af040355a519da7c2ff1e3091e");
        }

        @Test
        void the_answer_repeats_the_question() {
            ConsentAnswer answer = ask("2024-09-10T00:00:00Z", "2024-10-01T00:00:00Z");

            assertThat(answer.siteId()).isEqualTo(SITE);
            assertThat(answer.visitorId()).isEqualTo(VISITOR);
            assertThat(answer.at()).isEqualTo(t("2024-09-10T00:00:00Z"));
            assertThat(answer.asOf()).isEqualTo(t("2024-10-01T00:00:00Z"));
        }
    }

    @Nested
    @DisplayName("each category")
    class Categories {

        static Stream<Arguments> stories() {
            Decision grantedStatisticsDeniedMarketing =
                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of(MARKETING));
            Decision grantedBoth = gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS, MARKETING), of());
            Decision lateDenialOfMarketing = recordedAt("2024-03-20T00:00:00Z",
                    gave("d-late", 2, V1, "2024-03-01T12:00:00Z", of(), of(MARKETING)));
            return Stream.of(
                    arguments("a visitor who was never asked is allowed only the exempt category",
                            SPRING_2024, NOW, List.of(),
                            List.of(exempt(V1), notAsked(STATISTICS), notAsked(MARKETING))),
                    arguments("a visitor who granted statistics and denied marketing under v1",
                            SPRING_2024, NOW, List.of(grantedStatisticsDeniedMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, DENIED, "g1", V1))),
                    arguments("a visitor who only answered about statistics was never asked about marketing",
                            SPRING_2024, NOW, List.of(gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of())),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1), notAsked(MARKETING))),
                    arguments("a visitor who granted statistics and marketing under v1 and then withdrew everything",
                            SPRING_2024, NOW, List.of(grantedBoth,
                                    withdrew("w1", 2, V1, "2024-03-01T10:00:00Z")),
                            List.of(exempt(V1), category(STATISTICS, WITHDRAWN, "w1", V1),
                                    category(MARKETING, WITHDRAWN, "w1", V1))),
                    arguments("a visitor who withdrew only marketing keeps statistics granted",
                            SPRING_2024, NOW, List.of(grantedBoth,
                                    withdrew("w1", 2, V1, "2024-03-01T10:00:00Z", MARKETING)),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, WITHDRAWN, "w1", V1))),
                    arguments("a visitor who granted statistics and later denied it",
                            SPRING_2024, NOW, List.of(
                                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of()),
                                    gave("g2", 2, V1, "2024-03-01T10:00:00Z", of(), of(STATISTICS))),
                            List.of(exempt(V1), category(STATISTICS, DENIED, "g2", V1), notAsked(MARKETING))),
                    arguments("a visitor who denied statistics and later granted it",
                            SPRING_2024, NOW, List.of(
                                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(), of(STATISTICS)),
                                    gave("g2", 2, V1, "2024-03-01T10:00:00Z", of(STATISTICS), of())),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g2", V1), notAsked(MARKETING))),
                    arguments("a visitor who withdrew everything and then granted statistics again",
                            SPRING_2024, NOW, List.of(grantedBoth,
                                    withdrew("w1", 2, V1, "2024-02-15T10:00:00Z"),
                                    gave("g2", 3, V1, "2024-03-01T10:00:00Z", of(STATISTICS), of())),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g2", V1),
                                    category(MARKETING, WITHDRAWN, "w1", V1))),
                    arguments("a later consent that does not mention marketing leaves the earlier marketing grant",
                            SPRING_2024, NOW, List.of(grantedBoth,
                                    gave("g2", 2, V1, "2024-03-01T10:00:00Z", of(), of(STATISTICS))),
                            List.of(exempt(V1), category(STATISTICS, DENIED, "g2", V1),
                                    category(MARKETING, GRANTED, "g1", V1))),
                    arguments("denying or withdrawing the necessary category changes nothing: it stays exempt",
                            SPRING_2024, NOW, List.of(
                                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of(NECESSARY)),
                                    withdrew("w1", 2, V1, "2024-03-01T10:00:00Z", NECESSARY)),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1), notAsked(MARKETING))),
                    arguments("a decision on a category the policy in force does not have is left out of the answer",
                            SPRING_2024, NOW, List.of(
                                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(PREFERENCES, STATISTICS), of())),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1), notAsked(MARKETING))),
                    arguments("a late-arriving grant that occurred before the withdrawal does not override it",
                            SPRING_2024, NOW, List.of(grantedBoth,
                                    withdrew("w1", 2, V1, "2024-03-01T10:00:00Z"),
                                    recordedAt("2024-03-05T00:00:00Z",
                                            gave("g-late", 3, V1, "2024-02-20T10:00:00Z", of(STATISTICS), of()))),
                            List.of(exempt(V1), category(STATISTICS, WITHDRAWN, "w1", V1),
                                    category(MARKETING, WITHDRAWN, "w1", V1))),
                    arguments("a late-arriving denial that occurred after the grant overrides it",
                            SPRING_2024, NOW, List.of(grantedBoth, lateDenialOfMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, DENIED, "d-late", V1))),
                    arguments("the same late denial, asked as of before it was recorded: the ledger did not know it",
                            SPRING_2024, "2024-03-19T23:59:59.999999999Z",
                            List.of(grantedBoth, lateDenialOfMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, GRANTED, "g1", V1))),
                    arguments("the same late denial, asked as of the instant it was recorded",
                            SPRING_2024, "2024-03-20T00:00:00Z", List.of(grantedBoth, lateDenialOfMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, DENIED, "d-late", V1))),
                    arguments("asked at an instant before the denial occurred, the grant still stands",
                            "2024-03-01T11:59:59.999999999Z", NOW, List.of(grantedBoth, lateDenialOfMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, GRANTED, "g1", V1))),
                    arguments("asked at the very instant the denial occurred, the denial counts",
                            "2024-03-01T12:00:00Z", NOW, List.of(grantedBoth, lateDenialOfMarketing),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, DENIED, "d-late", V1))),
                    arguments("asked before the visitor's first choice, nothing was asked yet",
                            "2024-02-01T09:59:59Z", NOW, List.of(grantedStatisticsDeniedMarketing),
                            List.of(exempt(V1), notAsked(STATISTICS), notAsked(MARKETING))),
                    arguments("asked as of before the first choice was recorded, nothing was asked yet",
                            SPRING_2024, "2024-02-01T09:59:59Z", List.of(grantedStatisticsDeniedMarketing),
                            List.of(exempt(V1), notAsked(STATISTICS), notAsked(MARKETING))),
                    arguments("a grant and a denial at the same instant: the one recorded later (higher sequence) wins",
                            SPRING_2024, NOW, List.of(
                                    gave("d8", 8, V1, "2024-02-01T10:00:00Z", of(), of(STATISTICS)),
                                    gave("g7", 7, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of())),
                            List.of(exempt(V1), category(STATISTICS, DENIED, "d8", V1), notAsked(MARKETING))),
                    arguments("the same tie the other way round: the grant recorded later wins",
                            SPRING_2024, NOW, List.of(
                                    gave("g8", 8, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of()),
                                    gave("d7", 7, V1, "2024-02-01T10:00:00Z", of(), of(STATISTICS))),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g8", V1), notAsked(MARKETING))),
                    arguments("a withdrawal of statistics at the same instant as the grant, recorded after it",
                            SPRING_2024, NOW, List.of(
                                    withdrew("w4", 4, V1, "2024-02-01T10:00:00Z", STATISTICS),
                                    gave("g3", 3, V1, "2024-02-01T10:00:00Z", of(STATISTICS, MARKETING), of())),
                            List.of(exempt(V1), category(STATISTICS, WITHDRAWN, "w4", V1),
                                    category(MARKETING, GRANTED, "g3", V1))),
                    arguments("a denial recorded later that occurred earlier loses: occurrence order decides",
                            SPRING_2024, NOW, List.of(
                                    gave("g1", 1, V1, "2024-03-01T10:00:00Z", of(STATISTICS), of()),
                                    recordedAt("2024-03-02T00:00:00Z",
                                            gave("d2", 2, V1, "2024-02-01T10:00:00Z", of(), of(STATISTICS)))),
                            List.of(exempt(V1), category(STATISTICS, GRANTED, "g1", V1), notAsked(MARKETING))),
                    arguments("a visitor who decided under v1, asked once v2 is in force: decisions keep v1, "
                                    + "preferences (new in v2) was never asked",
                            SUMMER_2024, NOW, List.of(grantedStatisticsDeniedMarketing),
                            List.of(exempt(V2), notAsked(PREFERENCES), category(STATISTICS, GRANTED, "g1", V1),
                                    category(MARKETING, DENIED, "g1", V1))),
                    arguments("a visitor who granted preferences under v2 and then withdrew everything under v2",
                            SUMMER_2024, NOW, List.of(grantedStatisticsDeniedMarketing,
                                    gave("g2", 2, V2, "2024-06-10T10:00:00Z", of(PREFERENCES), of()),
                                    withdrew("w3", 3, V2, "2024-06-20T10:00:00Z")),
                            List.of(exempt(V2), category(PREFERENCES, WITHDRAWN, "w3", V2),
                                    category(STATISTICS, WITHDRAWN, "w3", V2),
                                    category(MARKETING, WITHDRAWN, "w3", V2))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("stories")
        void are_decided_by_the_last_visible_event_touching_them(String story, String at, String asOf,
                                                                 List<Decision> history,
                                                                 List<CategoryAnswer> expected) {
            ConsentAnswer answer = ask(at, asOf, history);

            assertThat(answer.categories()).containsExactlyElementsOf(expected);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("stories")
        void do_not_depend_on_the_order_the_history_is_given_in(String story, String at, String asOf,
                                                                List<Decision> history,
                                                                List<CategoryAnswer> expected) {
            List<Decision> reversed = new ArrayList<>(history);
            Collections.reverse(reversed);

            assertThat(ask(at, asOf, reversed)).isEqualTo(ask(at, asOf, history));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("stories")
        void give_each_cookie_its_category_verdict(String story, String at, String asOf, List<Decision> history,
                                                   List<CategoryAnswer> expected) {
            ConsentAnswer answer = ask(at, asOf, history);

            assertThat(answer.cookies()).isNotEmpty().allSatisfy(cookie -> {
                CategoryAnswer category = answer.categories().stream()
                        .filter(c -> c.id().equals(cookie.category())).findFirst().orElseThrow();
                assertThat(cookie.decidedBy()).isEqualTo(category.decidedBy());
                if (category.status() != GRANTED) {
                    assertThat(cookie.reason()).isEqualTo(category.status());
                }
                assertThat(cookie.allowed()).isEqualTo(cookie.reason() == EXEMPT || cookie.reason() == GRANTED);
            });
        }
    }

    @Nested
    @DisplayName("a grant's age")
    class Expiry {

        private static final Instant GRANT_UNDER_V1 = t("2024-02-01T10:00:00Z");
        private static final Instant GRANT_UNDER_V2 = t("2024-08-01T12:00:00Z");

        static Stream<Arguments> stories() {
            Decision v1Grant = gave("g1", 1, V1, GRANT_UNDER_V1.toString(), of(STATISTICS), of());
            Decision v2Grant = gave("g2", 2, V2, GRANT_UNDER_V2.toString(), of(STATISTICS), of());
            return Stream.of(
                    arguments("a v1 grant exactly 365 days old (v1's max age) is still granted, although v3 "
                                    + "(90 days) is in force",
                            GRANT_UNDER_V1.plus(Duration.ofDays(365)), List.of(v1Grant),
                            category(STATISTICS, GRANTED, "g1", V1)),
                    arguments("a v1 grant 365 days and one nanosecond old has expired",
                            GRANT_UNDER_V1.plus(Duration.ofDays(365)).plusNanos(1), List.of(v1Grant),
                            category(STATISTICS, EXPIRED, "g1", V1)),
                    arguments("a v1 grant 151 days old while v2 (30 days) is in force is still granted",
                            t(SUMMER_2024), List.of(v1Grant), category(STATISTICS, GRANTED, "g1", V1)),
                    arguments("a v2 grant exactly 30 days old is still granted",
                            GRANT_UNDER_V2.plus(Duration.ofDays(30)), List.of(v2Grant),
                            category(STATISTICS, GRANTED, "g2", V2)),
                    arguments("a v2 grant 30 days and one nanosecond old has expired",
                            GRANT_UNDER_V2.plus(Duration.ofDays(30)).plusNanos(1), List.of(v2Grant),
                            category(STATISTICS, EXPIRED, "g2", V2)),
                    arguments("a v2 grant 45 days old has expired although v3 (90 days) is in force",
                            t("2024-09-15T12:00:00Z"), List.of(v2Grant), category(STATISTICS, EXPIRED, "g2", V2)),
                    arguments("a denial never expires",
                            t("2028-01-01T00:00:00Z"),
                            List.of(gave("d1", 1, V1, GRANT_UNDER_V1.toString(), of(), of(STATISTICS))),
                            category(STATISTICS, DENIED, "d1", V1)),
                    arguments("a withdrawal never expires",
                            t("2028-01-01T00:00:00Z"),
                            List.of(v1Grant, withdrew("w2", 2, V1, "2024-03-01T10:00:00Z", STATISTICS)),
                            category(STATISTICS, WITHDRAWN, "w2", V1)),
                    arguments("a renewed grant under v3 restarts the clock with v3's max age",
                            t("2025-03-01T00:00:00Z"),
                            List.of(v1Grant, gave("g3", 2, V3, "2025-01-20T10:00:00Z", of(STATISTICS), of())),
                            category(STATISTICS, GRANTED, "g3", V3)),
                    arguments("an older grant re-recorded late does not revive an expired newer one",
                            t("2024-10-01T00:00:00Z"),
                            List.of(v1Grant, v2Grant, recordedAt("2024-09-20T00:00:00Z",
                                    gave("g-late", 3, V1, "2024-07-01T00:00:00Z", of(STATISTICS), of()))),
                            category(STATISTICS, EXPIRED, "g2", V2)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("stories")
        void is_judged_against_the_max_age_of_the_version_it_was_given_under(String story, Instant at,
                                                                             List<Decision> history,
                                                                             CategoryAnswer expected) {
            ConsentAnswer answer = resolve(query(at, t(NOW)), history);

            assertThat(answer.categories()).filteredOn(c -> c.id().equals(STATISTICS)).containsExactly(expected);
            assertThat(answer.cookies()).filteredOn(c -> c.category().equals(STATISTICS))
                    .isNotEmpty()
                    .allSatisfy(cookie -> {
                        assertThat(cookie.decidedBy()).isEqualTo(expected.decidedBy());
                        assertThat(cookie.allowed()).isEqualTo(cookie.reason() == GRANTED);
                        if (expected.status() != GRANTED) {
                            assertThat(cookie.reason()).isEqualTo(expected.status());
                        }
                    });
        }
    }

    @Nested
    @DisplayName("each cookie")
    class Cookies {

        static Stream<Arguments> stories() {
            Decision v1GrantStatisticsDenyMarketing =
                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of(MARKETING));
            Decision v1GrantBoth = gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS, MARKETING), of());
            Decision v2GrantAll = gave("g2", 2, V2, "2024-06-10T10:00:00Z",
                    of(PREFERENCES, STATISTICS, MARKETING), of());
            return Stream.of(
                    arguments("a visitor never asked may only get the necessary cookie",
                            SPRING_2024, NOW, List.of(),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(GA, NOT_ASKED, null),
                                    blocked(HJID_AS_STATISTICS, NOT_ASKED, null), blocked(FBP, NOT_ASKED, null))),
                    arguments("under v1, statistics granted and marketing denied",
                            SPRING_2024, NOW, List.of(v1GrantStatisticsDenyMarketing),
                            List.of(allowed(SESSION, EXEMPT, null), allowed(GA, GRANTED, "g1"),
                                    allowed(HJID_AS_STATISTICS, GRANTED, "g1"), blocked(FBP, DENIED, "g1"))),
                    arguments("a v1 grant seen under v2: _gid (added in v2) and _hjid (moved to marketing in v2) "
                                    + "were not in the consented policy",
                            SUMMER_2024, NOW, List.of(v1GrantBoth),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    allowed(GA, GRANTED, "g1"), blocked(GID, NOT_IN_CONSENTED_POLICY, "g1"),
                                    blocked(HJID_AS_MARKETING, NOT_IN_CONSENTED_POLICY, "g1"),
                                    allowed(FBP, GRANTED, "g1"))),
                    arguments("after a new grant under v2, the added and the moved cookies are granted",
                            SUMMER_2024, NOW, List.of(v1GrantBoth, v2GrantAll),
                            List.of(allowed(SESSION, EXEMPT, null), allowed(LANG, GRANTED, "g2"),
                                    allowed(GA, GRANTED, "g2"), allowed(GID, GRANTED, "g2"),
                                    allowed(HJID_AS_MARKETING, GRANTED, "g2"), allowed(FBP, GRANTED, "g2"))),
                    arguments("the same v2 grant asked as of before it was recorded: back to the v1 grant",
                            SUMMER_2024, "2024-06-10T09:59:59Z", List.of(v1GrantBoth, v2GrantAll),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    allowed(GA, GRANTED, "g1"), blocked(GID, NOT_IN_CONSENTED_POLICY, "g1"),
                                    blocked(HJID_AS_MARKETING, NOT_IN_CONSENTED_POLICY, "g1"),
                                    allowed(FBP, GRANTED, "g1"))),
                    arguments("a moved cookie in a denied category is denied, not 'not in consented policy'",
                            SUMMER_2024, NOW, List.of(v1GrantStatisticsDenyMarketing),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    allowed(GA, GRANTED, "g1"), blocked(GID, NOT_IN_CONSENTED_POLICY, "g1"),
                                    blocked(HJID_AS_MARKETING, DENIED, "g1"), blocked(FBP, DENIED, "g1"))),
                    arguments("withdrawing marketing after granting everything under v2",
                            SUMMER_2024, NOW, List.of(v2GrantAll,
                                    withdrew("w3", 3, V2, "2024-06-20T10:00:00Z", MARKETING)),
                            List.of(allowed(SESSION, EXEMPT, null), allowed(LANG, GRANTED, "g2"),
                                    allowed(GA, GRANTED, "g2"), allowed(GID, GRANTED, "g2"),
                                    blocked(HJID_AS_MARKETING, WITHDRAWN, "w3"), blocked(FBP, WITHDRAWN, "w3"))),
                    arguments("an expired v1 grant blocks all its cookies as expired, listed in v1 or not",
                            "2025-02-01T00:00:00Z", NOW, List.of(
                                    gave("g1", 1, V1, "2024-02-01T10:00:00Z", of(STATISTICS), of())),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    blocked(GA, EXPIRED, "g1"), blocked(GID, EXPIRED, "g1"),
                                    blocked(HJID_AS_MARKETING, NOT_ASKED, null), blocked(FBP, NOT_ASKED, null),
                                    blocked(TTP, NOT_ASKED, null))),
                    arguments("v3 adds _ttp to marketing retroactively: a v2 marketing grant does not cover it",
                            "2024-10-20T00:00:00Z", NOW, List.of(
                                    gave("g2", 1, V2, "2024-10-01T10:00:00Z", of(MARKETING), of(STATISTICS))),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    blocked(GA, DENIED, "g2"), blocked(GID, DENIED, "g2"),
                                    allowed(HJID_AS_MARKETING, GRANTED, "g2"), allowed(FBP, GRANTED, "g2"),
                                    blocked(TTP, NOT_IN_CONSENTED_POLICY, "g2"))),
                    arguments("the same v2 marketing grant asked as of before v3 was recorded: v2 is in force",
                            "2024-10-20T00:00:00Z", "2024-10-15T00:00:00Z", List.of(
                                    gave("g2", 1, V2, "2024-10-01T10:00:00Z", of(MARKETING), of(STATISTICS))),
                            List.of(allowed(SESSION, EXEMPT, null), blocked(LANG, NOT_ASKED, null),
                                    blocked(GA, DENIED, "g2"), blocked(GID, DENIED, "g2"),
                                    allowed(HJID_AS_MARKETING, GRANTED, "g2"), allowed(FBP, GRANTED, "g2"))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("stories")
        void follow_their_category_and_the_policy_the_grant_was_given_under(String story, String at, String asOf,
                                                                           List<Decision> history,
                                                                           List<CookieAnswer> expected) {
            assertThat(ask(at, asOf, history).cookies()).containsExactlyElementsOf(expected);
        }

        @Test
        void a_cookie_whose_provider_changed_is_not_covered_by_a_grant_under_the_old_provider() {
            Cookie selfHosted = cookie("_pk_id", "matomo-self-hosted", STATISTICS);
            Cookie cloud = cookie("_pk_id", "matomo-cloud", STATISTICS);
            CookiePolicyPublished before = published("2024-01-01T00:00:00Z", new CookiePolicy(SITE, 1,
                    t("2024-01-01T00:00:00Z"), Duration.ofDays(365), List.of(STATISTICS_CATEGORY),
                    List.of(selfHosted), null));
            CookiePolicyPublished after = published("2024-03-01T00:00:00Z", new CookiePolicy(SITE, 2,
                    t("2024-03-01T00:00:00Z"), Duration.ofDays(365), List.of(STATISTICS_CATEGORY),
                    List.of(cloud), null));
            Decision grant = gave("g1", 1, 1, "2024-02-01T10:00:00Z", of(STATISTICS), of());

            ConsentAnswer answer = PointInTimeResolver.resolve(query(SPRING_2024, NOW), List.of(before, after),
                    List.of(grant));

            assertThat(answer.cookies()).containsExactly(blocked(cloud, NOT_IN_CONSENTED_POLICY, "g1"));
            assertThat(answer.categories()).containsExactly(category(STATISTICS, GRANTED, "g1", 1));
        }
    }

    @Test
    void decisions_can_be_built_from_the_ledger_events() {
        ConsentGivenV1 given = new ConsentGivenV1(SITE, VISITOR, "consent-1", V1, t("2024-02-01T10:00:00Z"),
                t("2024-02-01T10:00:01Z"), List.of(STATISTICS), List.of(MARKETING), "banner", Map.of());
        ConsentWithdrawnV1 withdrawn = new ConsentWithdrawnV1(SITE, VISITOR, "withdrawal-1", V1,
                t("2024-03-01T10:00:00Z"), t("2024-03-01T10:00:01Z"), List.of());
        List<Decision> history = List.of(Decision.of(given, "e-1", 1), Decision.of(withdrawn, "e-2", 2));

        assertThat(ask("2024-02-15T00:00:00Z", NOW, history).categories()).containsExactly(exempt(V1),
                category(STATISTICS, GRANTED, "e-1", V1), category(MARKETING, DENIED, "e-1", V1));
        assertThat(ask(SPRING_2024, NOW, history).categories()).containsExactly(exempt(V1),
                category(STATISTICS, WITHDRAWN, "e-2", V1), category(MARKETING, WITHDRAWN, "e-2", V1));
    }

    @Test
    void an_event_naming_a_version_the_site_never_published_is_refused_rather_than_answered() {
        Decision impossible = gave("g9", 1, 7, "2024-02-01T00:00:00Z", of(STATISTICS), of());

        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> ask(SPRING_2024, NOW, impossible))
                .withMessageContaining("g9").withMessageContaining("version 7");
    }

    // --- the visitor's history ---------------------------------------------------------------------------------

    private static Decision gave(String eventId, long sequence, int policyVersion, String occurredAt,
                                 List<String> granted, List<String> denied) {
        return new Decision(eventId, sequence, Decision.Kind.GIVEN, policyVersion, t(occurredAt), t(occurredAt),
                granted, denied, List.of());
    }

    /** A withdrawal of the given categories; none means every category. */
    private static Decision withdrew(String eventId, long sequence, int policyVersion, String occurredAt,
                                     String... categories) {
        return new Decision(eventId, sequence, Decision.Kind.WITHDRAWN, policyVersion, t(occurredAt),
                t(occurredAt), List.of(), List.of(), List.of(categories));
    }

    /** The same event, reaching the ledger only at {@code recordedAt}. */
    private static Decision recordedAt(String recordedAt, Decision d) {
        return new Decision(d.eventId(), d.sequence(), d.kind(), d.policyVersion(), d.occurredAt(), t(recordedAt),
                d.granted(), d.denied(), d.withdrawn());
    }

    private static List<String> of(String... categories) {
        return List.of(categories);
    }

    // --- asking -------------------------------------------------------------------------------------------------

    private static ConsentAnswer ask(String at, String asOf, Decision... history) {
        return ask(at, asOf, List.of(history));
    }

    private static ConsentAnswer ask(String at, String asOf, List<Decision> history) {
        return resolve(query(at, asOf), history);
    }

    private static ConsentAnswer resolve(ConsentAt query, List<Decision> history) {
        return PointInTimeResolver.resolve(query, POLICIES, history);
    }

    private static ConsentAt query(String at, String asOf) {
        return query(t(at), t(asOf));
    }

    private static ConsentAt query(Instant at, Instant asOf) {
        return new ConsentAt(SITE, VISITOR, at, asOf);
    }

    // --- expected answers ---------------------------------------------------------------------------------------

    private static CategoryAnswer exempt(int versionInForce) {
        return new CategoryAnswer(NECESSARY, EXEMPT, null, versionInForce);
    }

    private static CategoryAnswer notAsked(String category) {
        return new CategoryAnswer(category, NOT_ASKED, null, null);
    }

    private static CategoryAnswer category(String id, ConsentStatus status, String decidedBy, int policyVersion) {
        return new CategoryAnswer(id, status, decidedBy, policyVersion);
    }

    private static CookieAnswer allowed(Cookie cookie, ConsentStatus reason, String decidedBy) {
        return new CookieAnswer(cookie.name(), cookie.provider(), cookie.category(), true, reason, decidedBy);
    }

    private static CookieAnswer blocked(Cookie cookie, ConsentStatus reason, String decidedBy) {
        return new CookieAnswer(cookie.name(), cookie.provider(), cookie.category(), false, reason, decidedBy);
    }

    // --- the site -----------------------------------------------------------------------------------------------

    private static Cookie cookie(String name, String provider, String category) {
        return new Cookie(name, provider, "function of " + name, "purpose of " + name, category);
    }

    private static CookiePolicyPublished published(String recordedAt, CookiePolicy policy) {
        return new CookiePolicyPublished(policy, t(recordedAt));
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }
}
