package org.consentledger.ledger.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.consentledger.api.consent.DecisionContext;
import org.consentledger.api.notice.Notice;
import org.consentledger.api.notice.NoticePublished;
import org.consentledger.api.notice.NoticeText;
import org.consentledger.api.policy.CookiePolicy;
import org.consentledger.ledger.LedgerRejection;
import org.consentledger.ledger.policy.PolicyVersions;
import org.consentledger.ledger.policy.PublishedSite;
import org.consentledger.ledger.policy.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A decision's context must agree with what the visitor was shown: the notice, its language and its buttons, and
 * with the choice itself. Each refusal names the field at fault.
 */
class ContextRulesTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final CookiePolicy V1 = TestPolicies.version1(NOW.minus(Duration.ofDays(10)));
    /** A banner that offers accepting all and customising, but no button to reject all. */
    static final Notice BANNER = new Notice(TestPolicies.SITE, "banner-1", 1, List.of("accept-all", "customize"),
            new TreeMap<>(Map.of("en", text(), "fr-CA", text())), List.of());
    static final PublishedSite SITE = new PublishedSite(new PolicyVersions(TestPolicies.SITE, List.of(V1)), Map.of(),
            Map.of()).recorded(new NoticePublished(BANNER, "d".repeat(64), NOW), "event-notice");

    static NoticeText text() {
        return new NoticeText("Cookies", "We use cookies.", new TreeMap<>(Map.of("accept-all", "OK",
                "customize", "Choose")), List.of(), List.of());
    }

    static DecisionContext context(String noticeId, String language, String method) {
        return new DecisionContext(noticeId, language, method, "banner", "gdpr", "FR", "FR-IDF");
    }

    @Test
    void aContextThatHoldsTogetherIsRecordedWithItsLanguageTagInNormalForm() {
        DecisionContext recorded = ContextRules.check(context("banner-1", "fr-ca", "custom"), SITE, V1,
                List.of("statistics"), List.of("third-party"), true);

        assertThat(recorded).isEqualTo(new DecisionContext("banner-1", "fr-CA", "custom", "banner", "gdpr", "FR",
                "FR-IDF"));
        assertThat(ContextRules.check(new DecisionContext(null, null, null, null, null, null, null), SITE, V1,
                List.of(), List.of(), true)).as("none said, none recorded").isNull();
        assertThat(ContextRules.check(new DecisionContext(null, null, "api", "api", null, null, null), SITE, V1,
                List.of("statistics"), List.of(), true)).isNotNull();
    }

    static Stream<Arguments> inconsistent() {
        return Stream.of(
                Arguments.of("a notice never published", context("banner-9", null, null), List.of(), true,
                        "noticeId"),
                Arguments.of("rejecting all on a banner without that button", context("banner-1", "en",
                        "reject-all"), List.of(), true, "method"),
                Arguments.of("accepting all, yet denying", context("banner-1", "en", "accept-all"),
                        List.of("statistics"), true, "method"),
                Arguments.of("withdrawing by accepting all", context("banner-1", "en", "accept-all"), List.of(), false,
                        "method"),
                Arguments.of("closing a banner that had no close button", context("banner-1", "en", "close"),
                        List.of(), true, "method"),
                Arguments.of("a method no banner has", context(null, null, "swipe"), List.of(), true, "method"),
                Arguments.of("a language the notice does not speak", context("banner-1", "de", null), List.of(), true,
                        "language"),
                Arguments.of("a language without the notice shown", context(null, "en", null), List.of(), true,
                        "language"),
                Arguments.of("an unknown surface", new DecisionContext(null, null, null, "popup", null, null, null),
                        List.of(), true, "surface"),
                Arguments.of("an unknown regulation", new DecisionContext(null, null, null, null, "hipaa", null,
                        null), List.of(), true, "regulation"),
                Arguments.of("not a country code", new DecisionContext(null, null, null, null, null, "XX", null),
                        List.of(), true, "country"),
                Arguments.of("a region of another country", new DecisionContext(null, null, null, null, null, "FR",
                        "US-CA"), List.of(), true, "region"),
                Arguments.of("not a region code", new DecisionContext(null, null, null, null, null, null,
                        "California"), List.of(), true, "region"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inconsistent")
    void aContextAtOddsWithWhatWasShownIsRefusedNamingTheField(String name, DecisionContext context,
                                                                List<String> denied, boolean consent, String field) {
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> ContextRules.check(context, SITE, V1, List.of(), denied, consent));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
    }

    @Test
    void rejectingAllGrantsOnlyWhatNeedsNoConsent() {
        Notice offering = new Notice(TestPolicies.SITE, "banner-2", 1, List.of("reject-all"),
                new TreeMap<>(Map.of("en", new NoticeText("Cookies", "We use cookies.",
                        new TreeMap<>(Map.of("reject-all", "No")), List.of(), List.of()))), List.of());
        PublishedSite site = SITE.recorded(new NoticePublished(offering, "e".repeat(64), NOW), "event-2");
        DecisionContext rejecting = context("banner-2", "en", "reject-all");

        assertThat(ContextRules.check(rejecting, site, V1, List.of("necessary"), List.of("statistics"), true))
                .isNotNull();
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> ContextRules.check(rejecting, site, V1, List.of("statistics"), List.of(), true));
        assertThat(refused.field()).isEqualTo("method");
    }

    @Test
    void aConsentIsGivenUnderTheVersionItsNoticePresents() {
        CookiePolicy v2 = TestPolicies.version2(NOW.minus(Duration.ofDays(1)));

        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> ContextRules.check(context("banner-1", "en", null), SITE, v2, List.of(), List.of(), true));

        assertThat(refused.field()).isEqualTo("noticeId");
        assertThat(ContextRules.check(context("banner-1", "en", null), SITE, v2, List.of(), List.of(), false))
                .as("a withdrawal is recorded under the version in force, whatever the notice presents").isNotNull();
    }

    @Test
    void aPageIsAWebAddress() {
        ContextRules.checkPageUrl(Map.of("pageUrl", "https://shop.example/checkout?step=2"));
        LedgerRejection refused = catchThrowableOfType(LedgerRejection.class,
                () -> ContextRules.checkPageUrl(Map.of("pageUrl", "javascript:alert(1)")));

        assertThat(refused.field()).isEqualTo("pageUrl");
    }
}
