package org.consentledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.Decided;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.LedgerRejection.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Publishing a policy version as a plain function: the submitted version and the site's versions so far in. */
class PolicyRulesTest {

    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final CookiePolicy V1 = TestPolicies.version1(NOW.minus(Duration.ofDays(10)));
    static final PolicyVersions ONE_VERSION = new PolicyVersions(TestPolicies.SITE, List.of(V1));
    static final Map<Integer, PolicyReceipt> RECEIPTS = Map.of(1, new PolicyReceipt("event-1", TestPolicies.SITE, 1,
            V1.effectiveFrom(), V1.consentMaxAge(), NOW.minus(Duration.ofDays(10)), false));

    final PolicyRules rules = new PolicyRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(395));

    @Test
    void aSitesFirstVersionIsPublishedAtTheLedgersClock() {
        Decided<CookiePolicyPublished, PolicyReceipt> decided = rules.publish(new PublishCookiePolicy(V1),
                new PolicyVersions(TestPolicies.SITE, List.of()), Map.of());

        assertThat(decided).isInstanceOf(Decided.Record.class);
        CookiePolicyPublished event = ((Decided.Record<CookiePolicyPublished, PolicyReceipt>) decided).event();
        assertThat(event.policy()).isEqualTo(V1);
        assertThat(event.recordedAt()).isEqualTo(NOW);
    }

    @Test
    void eachConsentModeTypeFollowsACategoryOfTheVersion() {
        CookiePolicy mapped = withConsentMode(Map.of("analytics_storage", "statistics", "ad_storage", "third-party"));

        assertThat(rules.complete(mapped).consentMode()).containsEntry("analytics_storage", "statistics");
        LedgerRejection unknownType = catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withConsentMode(Map.of("ads_storage", "third-party"))));
        assertThat(unknownType.field()).isEqualTo("consentMode.ads_storage");
        LedgerRejection unknownCategory = catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withConsentMode(Map.of("ad_storage", "marketing"))));
        assertThat(unknownCategory.field()).isEqualTo("consentMode.ad_storage");
    }

    private static CookiePolicy withConsentMode(Map<String, String> mapping) {
        return new CookiePolicy(V1.siteId(), 1, V1.effectiveFrom(), V1.consentMaxAge(), V1.categories(),
                V1.cookies(), V1.text(), null, new TreeMap<>(mapping));
    }

    @Test
    void globalPrivacyControlOptsOutOnlyOfCategoriesThatNeedConsentOnce() {
        assertThat(rules.complete(withGpc(List.of("third-party"), null)).gpcOptOuts()).containsExactly("third-party");
        assertThat(catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withGpc(List.of("third-party", "sale"), null))).field())
                .isEqualTo("gpcOptsOut[1]");
        assertThat(catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withGpc(List.of("necessary"), null))).field()).isEqualTo("gpcOptsOut[0]");
        assertThat(catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withGpc(List.of("third-party", "third-party"), null))).field())
                .isEqualTo("gpcOptsOut[1]");
    }

    @Test
    void aRefusalIsRememberedForAPositiveDurationOrUntilTheVisitorDecidesAgain() {
        assertThat(rules.complete(withGpc(null, Duration.ofDays(182))).refusalMaxAge()).isEqualTo(Duration.ofDays(182));
        assertThat(rules.complete(withGpc(null, null)).refusalMaxAge()).isNull();
        assertThat(catchThrowableOfType(LedgerRejection.class,
                () -> rules.complete(withGpc(null, Duration.ZERO))).field()).isEqualTo("refusalMaxAge");
    }

    private static CookiePolicy withGpc(List<String> optsOut, Duration refusalMaxAge) {
        return new CookiePolicy(V1.siteId(), 1, V1.effectiveFrom(), V1.consentMaxAge(), V1.categories(),
                V1.cookies(), V1.text(), null, null, optsOut, refusalMaxAge);
    }

    @Test
    void theSameVersionAgainIsAnsweredWithItsReceipt() {
        Decided<CookiePolicyPublished, PolicyReceipt> decided = rules.publish(new PublishCookiePolicy(V1),
                ONE_VERSION, RECEIPTS);

        assertThat(decided).isInstanceOf(Decided.Replay.class);
        PolicyReceipt receipt = ((Decided.Replay<CookiePolicyPublished, PolicyReceipt>) decided).receipt();
        assertThat(receipt.eventId()).isEqualTo("event-1");
        assertThat(receipt.replayed()).isTrue();
    }

    static Stream<Arguments> refusedVersions() {
        return Stream.of(
                Arguments.of("other content under a published number", Kind.CONFLICT, "version",
                        new CookiePolicy(V1.siteId(), 1, V1.effectiveFrom(), Duration.ofDays(30), V1.categories(),
                                V1.cookies(), null)),
                Arguments.of("a new version taking effect no later than the latest", Kind.INVALID, "effectiveFrom",
                        TestPolicies.version2(V1.effectiveFrom())),
                Arguments.of("version 0", Kind.INVALID, "version",
                        new CookiePolicy(V1.siteId(), 0, NOW, null, V1.categories(), V1.cookies(), null)),
                Arguments.of("an effectiveFrom finer than microseconds", Kind.INVALID, "effectiveFrom",
                        TestPolicies.version2(NOW.plusNanos(1))),
                Arguments.of("a negative max age", Kind.INVALID, "consentMaxAge",
                        new CookiePolicy(V1.siteId(), 2, NOW, Duration.ofDays(-1), V1.categories(), V1.cookies(),
                                null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedVersions")
    void eachBrokenRuleIsRefusedNamingTheFieldAtFault(String name, Kind kind, String field, CookiePolicy submitted) {
        LedgerRejection refusal = catchThrowableOfType(LedgerRejection.class,
                () -> rules.publish(new PublishCookiePolicy(submitted), ONE_VERSION, RECEIPTS));

        assertThat(refusal).as(name).isNotNull();
        assertThat(refusal.kind()).as(name).isEqualTo(kind);
        assertThat(refusal.field()).as(name).isEqualTo(field);
    }
}
