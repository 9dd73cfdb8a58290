package org.consentledger.ledger.policy;

import static org.consentledger.ledger.policy.TestPolicies.version1;
import static org.consentledger.ledger.policy.TestPolicies.version2;
import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import static org.consentledger.ledger.Rejections.rejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitePoliciesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant EARLIER = NOW.minus(Duration.ofDays(10));

    AggregateTestFixture<SitePolicies> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SitePolicies.class);
        fixture.registerInjectableResource(new PolicyRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(395)));
    }

    @Test
    void publishingTheFirstVersionRecordsItWithTheLedgersClock() {
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(version1(EARLIER)))
                .expectEvents(new CookiePolicyPublished(version1(EARLIER), NOW))
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> r instanceof PolicyReceipt receipt
                        && !receipt.replayed() && receipt.version() == 1 && receipt.recordedAt().equals(NOW)));
    }

    @Test
    void aMissingMaxAgeTakesTheDefaultAndIsWrittenIntoTheEvent() {
        CookiePolicy withoutMaxAge = version1(EARLIER).withConsentMaxAge(null);
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(withoutMaxAge))
                .expectEvents(new CookiePolicyPublished(withoutMaxAge.withConsentMaxAge(Duration.ofDays(395)), NOW));
    }

    @Test
    void republishingAnIdenticalVersionRecordsNothingAndReturnsTheOriginalReceipt() {
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(version1(EARLIER)))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(Matchers.predicate(r -> r instanceof PolicyReceipt receipt
                        && receipt.replayed() && receipt.recordedAt().equals(EARLIER)));
    }

    @Test
    void changingAPublishedVersionIsAConflict() {
        CookiePolicy changed = new CookiePolicy(TestPolicies.SITE, 1, EARLIER, Duration.ofDays(395),
                TestPolicies.categories(), List.of(new Cookie("x", "Shop", "f", "p", "necessary")), null);
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(changed))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.CONFLICT, "version"));
    }

    @Test
    void aLaterVersionMustTakeEffectAfterTheEarlierOne() {
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(version2(EARLIER)))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.INVALID, "effectiveFrom"));
    }

    @Test
    void aVersionBelowTheLatestIsAConflict() {
        CookiePolicy v1 = version1(EARLIER);
        CookiePolicy v2 = version2(EARLIER.plusSeconds(60));
        fixture.given(new CookiePolicyPublished(v2, EARLIER))
                .when(new PublishCookiePolicy(v1))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.CONFLICT, "version"));
    }

    @Test
    void aSecondVersionFollowsTheFirst() {
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(version2(NOW)))
                .expectEvents(new CookiePolicyPublished(version2(NOW), NOW));
    }

    @Test
    void aCookieInAnUndefinedCategoryIsRefusedNamingTheField() {
        CookiePolicy policy = new CookiePolicy(TestPolicies.SITE, 1, EARLIER, null, TestPolicies.categories(),
                List.of(new Cookie("sessionid", "Shop", "f", "p", "necessary"),
                        new Cookie("_fbp", "Meta", "ads", "p", "marketing")), null);
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(policy))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.INVALID, "cookies[1].category"))
                .expectExceptionMessage(containsString("marketing"));
    }

    @Test
    void aCategoryIdWithACommaIsRefused() {
        CookiePolicy policy = new CookiePolicy(TestPolicies.SITE, 1, EARLIER, null,
                List.of(new org.consentledger.api.policy.CookieCategory("a,b", "AB", null, true)), List.of(), null);
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(policy))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.INVALID, "categories[0].id"));
    }

    @Test
    void aNonPositiveMaxAgeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(version1(EARLIER).withConsentMaxAge(Duration.ZERO)))
                .expectNoEvents()
                .expectException(rejection(LedgerRejection.Kind.INVALID, "consentMaxAge"));
    }
}
