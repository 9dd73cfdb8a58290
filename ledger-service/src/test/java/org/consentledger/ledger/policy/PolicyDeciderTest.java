package org.consentledger.ledger.policy;

import static org.consentledger.ledger.policy.TestPolicies.version1;
import static org.consentledger.ledger.policy.TestPolicies.version2;
import static org.hamcrest.Matchers.containsString;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.api.policy.CookiePolicyPublished;
import org.consentledger.api.policy.PolicyReceipt;
import org.consentledger.api.policy.PublishCookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.write.Decider;
import org.consentledger.ledger.write.DecisionScenario;
import static org.consentledger.ledger.Rejections.rejection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PolicyDeciderTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Instant EARLIER = NOW.minus(Duration.ofDays(10));

    DecisionScenario fixture;

    @BeforeEach
    void setUp() {
        PolicyDecider decider = new PolicyDecider(new PolicyRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(395)));
        fixture = new DecisionScenario(decider, sites -> Map.of(sites.iterator().next(),
                PublishedSite.none(sites.iterator().next())),
                event -> new Decider.Target(((CookiePolicyPublished) event).siteId(),
                        ((CookiePolicyPublished) event).siteId(), null));
    }

    @Test
    void publishingTheFirstVersionRecordsItWithTheLedgersClock() {
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(version1(EARLIER)))
                .expectEvents(new CookiePolicyPublished(version1(EARLIER), NOW))
                .expectReceipt(r -> r instanceof PolicyReceipt receipt
                        && !receipt.replayed() && receipt.version() == 1 && receipt.recordedAt().equals(NOW));
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
                .expectReceipt(r -> r instanceof PolicyReceipt receipt
                        && receipt.replayed() && receipt.recordedAt().equals(EARLIER));
    }

    @Test
    void changingAPublishedVersionIsAConflict() {
        CookiePolicy changed = new CookiePolicy(TestPolicies.SITE, 1, EARLIER, Duration.ofDays(395),
                TestPolicies.categories(), List.of(new Cookie("x", "Shop", "f", "p", "necessary")), null);
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(changed))
                .expectNoEvents()
                .expectRejection(rejection(LedgerRejection.Kind.CONFLICT, "version"));
    }

    @Test
    void aLaterVersionMustTakeEffectAfterTheEarlierOne() {
        fixture.given(new CookiePolicyPublished(version1(EARLIER), EARLIER))
                .when(new PublishCookiePolicy(version2(EARLIER)))
                .expectNoEvents()
                .expectRejection(rejection(LedgerRejection.Kind.INVALID, "effectiveFrom"));
    }

    @Test
    void aVersionBelowTheLatestIsAConflict() {
        CookiePolicy v1 = version1(EARLIER);
        CookiePolicy v2 = version2(EARLIER.plusSeconds(60));
        fixture.given(new CookiePolicyPublished(v2, EARLIER))
                .when(new PublishCookiePolicy(v1))
                .expectNoEvents()
                .expectRejection(rejection(LedgerRejection.Kind.CONFLICT, "version"));
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
                .expectRejection(rejection(LedgerRejection.Kind.INVALID, "cookies[1].category"))
                .expectRejectionMessage(containsString("marketing"));
    }

    @Test
    void aCategoryIdWithACommaIsRefused() {
        CookiePolicy policy = new CookiePolicy(TestPolicies.SITE, 1, EARLIER, null,
                List.of(new org.consentledger.api.policy.CookieCategory("a,b", "AB", null, true)), List.of(), null);
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(policy))
                .expectNoEvents()
                .expectRejection(rejection(LedgerRejection.Kind.INVALID, "categories[0].id"));
    }

    @Test
    void aNonPositiveMaxAgeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new PublishCookiePolicy(version1(EARLIER).withConsentMaxAge(Duration.ZERO)))
                .expectNoEvents()
                .expectRejection(rejection(LedgerRejection.Kind.INVALID, "consentMaxAge"));
    }
}
