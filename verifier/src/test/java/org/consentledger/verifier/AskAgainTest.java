package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.consentledger.api.consent.ConsentAnswer;
import org.consentledger.api.consent.ConsentAt;
import org.consentledger.api.consent.ConsentStatus;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When a banner should ask a visitor of {@code shop.example} again. Version 1 (from 2025-01-01) asks about statistics
 * and marketing, keeps a consent 180 days and a refusal 90 days; version 2 (from 2025-07-01) adds personalisation
 * and a cookie to statistics; Global Privacy Control opts out of marketing. The ledger asks to renew a consent in its
 * last 30 days.
 */
class AskAgainTest {

    private static final String SITE = "shop.example";
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final CookieCategory NECESSARY = new CookieCategory("necessary", "Necessary", null, false);
    private static final CookieCategory STATISTICS = new CookieCategory("statistics", "Statistics", null, true);
    private static final CookieCategory MARKETING = new CookieCategory("marketing", "Marketing", null, true);
    private static final CookieCategory PERSONALISATION = new CookieCategory("personalisation", "Personal", null, true);
    private static final Cookie SESSION = new Cookie("session", SITE, "Session", "Keeps the basket", "necessary");
    private static final Cookie GA = new Cookie("_ga", "google", "Audience", "Counts visits", "statistics");
    private static final Cookie GID = new Cookie("_gid", "google", "Audience", "Counts visits", "statistics");
    private static final Cookie FBP = new Cookie("_fbp", "meta", "Advertising", "Targets ads", "marketing");

    private static final CookiePolicyPublished V1 = new CookiePolicyPublished(new CookiePolicy(SITE, 1,
            t("2025-01-01T00:00:00Z"), Duration.ofDays(180), List.of(NECESSARY, STATISTICS, MARKETING),
            List.of(SESSION, GA, FBP), null, null, null, List.of("marketing"), Duration.ofDays(90)),
            t("2024-12-01T00:00:00Z"));
    private static final CookiePolicyPublished V2 = new CookiePolicyPublished(new CookiePolicy(SITE, 2,
            t("2025-07-01T00:00:00Z"), Duration.ofDays(180), List.of(NECESSARY, STATISTICS, MARKETING,
            PERSONALISATION), List.of(SESSION, GA, GID, FBP), null, null, null, List.of("marketing"),
            Duration.ofDays(90)), t("2025-06-01T00:00:00Z"));

    static Stream<Arguments> stories() {
        Decision allOnV1 = gave("all", 0, "2025-01-15T00:00:00Z", List.of("statistics", "marketing"), List.of(), null);
        Decision allLateOnV1 = gave("late", 0, "2025-06-15T00:00:00Z", List.of("statistics", "marketing"), List.of(),
                null);
        Decision refusedOnV1 = gave("refused", 0, "2025-02-01T00:00:00Z", List.of(), List.of("statistics",
                "marketing"), null);
        Decision onNotice = gave("notice", 0, "2025-06-15T00:00:00Z", List.of("statistics"), List.of("marketing"),
                "banner-2025");
        Decision gpcOnly = new Decision("gpc", 0, Decision.Kind.GIVEN, 1, t("2025-02-01T00:00:00Z"),
                t("2025-02-01T00:00:00Z"), List.of("statistics"), List.of(), List.of(), List.of("marketing"), null);
        Decision withdrawn = new Decision("withdrew", 1, Decision.Kind.WITHDRAWN, 1, t("2025-03-01T00:00:00Z"),
                t("2025-03-01T00:00:00Z"), List.of(), List.of(), List.of());
        return Stream.of(
                arguments("a visitor never seen is asked", List.of(), "2025-02-01T00:00:00Z",
                        List.of("never-asked")),
                arguments("a fresh consent to everything asks nothing", List.of(allOnV1), "2025-01-16T00:00:00Z",
                        List.of()),
                arguments("a consent 31 days before it expires asks nothing yet", List.of(allOnV1),
                        "2025-06-13T00:00:00Z", List.of()),
                arguments("within the last 30 days of a consent, the banner renews it", List.of(allOnV1),
                        "2025-06-20T00:00:00Z", List.of("expires-soon")),
                arguments("an expired consent is asked again", List.of(allOnV1), "2025-08-01T00:00:00Z",
                        List.of("consent-expired", "new-categories")),
                arguments("a refusal is remembered for its 90 days", List.of(refusedOnV1), "2025-05-02T00:00:00Z",
                        List.of()),
                arguments("after 90 days the refusal is asked again", List.of(refusedOnV1), "2025-05-03T00:00:00Z",
                        List.of("refusal-expired")),
                arguments("a withdrawal counts as a refusal", List.of(allOnV1, withdrawn), "2025-06-01T00:00:00Z",
                        List.of("refusal-expired")),
                arguments("a GPC denial is not a remembered refusal: the browser sends it again",
                        List.of(gpcOnly), "2025-06-01T00:00:00Z", List.of()),
                arguments("a new policy version brings a category never decided and a new cookie",
                        List.of(allLateOnV1), "2025-07-02T00:00:00Z", List.of("new-categories", "new-cookies")),
                arguments("the notice the visitor chose on presented another version than the one in force",
                        List.of(onNotice), "2025-07-02T00:00:00Z",
                        List.of("new-categories", "new-cookies", "notice-changed")),
                arguments("a choice made on a notice of the version in force asks nothing",
                        List.of(onNotice), "2025-06-16T00:00:00Z", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void saysWhyToAskAgain(String story, List<Decision> history, String at, List<String> reasons) {
        ConsentAnswer answer = PointInTimeResolver.resolve(new ConsentAt(SITE, "v", t(at), t("2030-01-01T00:00:00Z")),
                List.of(V1, V2), history, RENEW_BEFORE);

        assertThat(answer.askReasons()).isEqualTo(reasons);
        assertThat(answer.mustAsk()).isEqualTo(!reasons.isEmpty());
        assertThat(answer.renewBefore()).isEqualTo(RENEW_BEFORE);
    }

    @Test
    void withoutARenewalWindowAConsentIsAskedAgainOnlyOnceExpired() {
        Decision grant = gave("all", 0, "2025-02-01T00:00:00Z", List.of("statistics", "marketing"), List.of(), null);

        ConsentAnswer answer = PointInTimeResolver.resolve(new ConsentAt(SITE, "v", t("2025-06-30T00:00:00Z"),
                t("2030-01-01T00:00:00Z")), List.of(V1), List.of(grant), Duration.ZERO);

        assertThat(answer.askReasons()).isEmpty();
        assertThat(answer.mustAsk()).isFalse();
    }

    @Test
    void aCategoryTheSignalDeniedIsAnsweredAsGpcAndItsCookiesAreNotAllowed() {
        Decision gpc = new Decision("gpc", 0, Decision.Kind.GIVEN, 1, t("2025-02-01T00:00:00Z"),
                t("2025-02-01T00:00:00Z"), List.of("statistics"), List.of(), List.of(), List.of("marketing"), null);

        ConsentAnswer answer = PointInTimeResolver.resolve(new ConsentAt(SITE, "v", t("2025-02-02T00:00:00Z"),
                t("2030-01-01T00:00:00Z")), List.of(V1), List.of(gpc), RENEW_BEFORE);

        assertThat(answer.categories()).filteredOn(c -> c.id().equals("marketing")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(ConsentStatus.GPC);
                    assertThat(c.decidedBy()).isEqualTo("gpc");
                });
        assertThat(answer.cookies()).filteredOn(c -> c.name().equals("_fbp")).singleElement()
                .satisfies(c -> {
                    assertThat(c.allowed()).isFalse();
                    assertThat(c.reason()).isEqualTo(ConsentStatus.GPC);
                });
    }

    @Test
    void aChoiceMadeLaterOverridesTheSignal() {
        Decision gpc = new Decision("gpc", 0, Decision.Kind.GIVEN, 1, t("2025-02-01T00:00:00Z"),
                t("2025-02-01T00:00:00Z"), List.of(), List.of(), List.of(), List.of("marketing"), null);
        Decision grant = gave("later", 1, "2025-02-03T00:00:00Z", List.of("marketing"), List.of(), null);

        ConsentAnswer answer = PointInTimeResolver.resolve(new ConsentAt(SITE, "v", t("2025-02-04T00:00:00Z"),
                t("2030-01-01T00:00:00Z")), List.of(V1), List.of(gpc, grant), RENEW_BEFORE);

        assertThat(answer.categories()).filteredOn(c -> c.id().equals("marketing")).singleElement()
                .extracting(ConsentAnswer.CategoryAnswer::status).isEqualTo(ConsentStatus.GRANTED);
    }

    private static Decision gave(String id, long sequence, String at, List<String> granted, List<String> denied,
                                 String noticeId) {
        return new Decision(id, sequence, Decision.Kind.GIVEN, 1, t(at), t(at), granted, denied, List.of(),
                List.of(), noticeId);
    }

    private static Instant t(String instant) {
        return Instant.parse(instant);
    }
}
