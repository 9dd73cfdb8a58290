package org.consentledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class CookiePolicyTextImporterTest {

    private static final Instant EFFECTIVE_FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(180);
    private static final String HEADER = "Service provider's name\tFunction and location\tCookie name(s)\tPurposes";

    private final CookiePolicyTextImporter importer = new CookiePolicyTextImporter();

    private CookiePolicy importText(String text) {
        return importer.importText("example.org", 1, EFFECTIVE_FROM, MAX_AGE, text);
    }

    private static String lines(String... lines) {
        return String.join("\n", lines);
    }

    private static String seed(String siteId) {
        String resource = "seed-policies/" + siteId + ".txt";
        try (InputStream in = CookiePolicyTextImporterTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InvalidPolicyText rejection(ThrowingCallable importing) {
        Throwable thrown = catchThrowable(importing);
        assertThat(thrown).isInstanceOf(InvalidPolicyText.class);
        return (InvalidPolicyText) thrown;
    }

    @Nested
    class SeedDocuments {

        @ParameterizedTest
        @ValueSource(strings = {"juleslesmart.opendatasoft.com", "smartbump.opendatasoft.com"})
        void passesIdentityAndTextThrough(String siteId) {
            String text = seed(siteId);

            CookiePolicy policy = importer.importText(siteId, 3, EFFECTIVE_FROM, MAX_AGE, text);

            assertThat(policy.siteId()).isEqualTo(siteId);
            assertThat(policy.version()).isEqualTo(3);
            assertThat(policy.effectiveFrom()).isEqualTo(EFFECTIVE_FROM);
            assertThat(policy.consentMaxAge()).isEqualTo(MAX_AGE);
            assertThat(policy.text()).isEqualTo(text);
        }

        @ParameterizedTest
        @ValueSource(strings = {"juleslesmart.opendatasoft.com", "smartbump.opendatasoft.com"})
        void hasTheFourCategoriesDefinedByTheDocument(String siteId) {
            CookiePolicy policy = importText(seed(siteId));

            assertThat(policy.categories())
                    .extracting(CookieCategory::id, CookieCategory::name, CookieCategory::consentRequired)
                    .containsExactly(
                            tuple("necessary", "Necessary", false),
                            tuple("statistics", "Statistical", true),
                            tuple("first-party", "Internal or first-party", true),
                            tuple("third-party", "Third-party", true));
            assertThat(policy.category("necessary").orElseThrow().description())
                    .isEqualTo("“Necessary” internal cookies allow information to be saved between two visits to "
                            + "the same website by the same device. They can save a shopping cart, log-in "
                            + "information, or interface preferences. They do not require the user’s consent.");
            assertThat(policy.category("statistics").orElseThrow().description())
                    .startsWith("“Statistical” cookies make it possible")
                    .endsWith("user consent is not required.");
            assertThat(policy.category("first-party").orElseThrow().description())
                    .startsWith("“Internal” or “first-party” cookies are stored by the website visited.");
            assertThat(policy.category("third-party").orElseThrow().description())
                    .startsWith("“Third-party” cookies are cookies stored by (or for) a Website B")
                    .endsWith("and collect information about the user.");
        }

        @ParameterizedTest
        @ValueSource(strings = {"juleslesmart.opendatasoft.com", "smartbump.opendatasoft.com"})
        void listsTheFourNecessaryOpendatasoftCookies(String siteId) {
            CookiePolicy policy = importText(seed(siteId));

            assertThat(policy.cookies())
                    .extracting(Cookie::name)
                    .containsExactly("sessionid", "django_language", "csrftoken", "cookies_preferences");
            assertThat(policy.cookies()).allSatisfy(cookie -> {
                assertThat(cookie.category()).isEqualTo("necessary");
                assertThat(cookie.provider()).isEqualTo("Opendatasoft");
            });
            assertThat(policy.cookies())
                    .extracting(Cookie::name, Cookie::function, Cookie::purpose)
                    .contains(
                            tuple("sessionid", "Authentication (front and back office)",
                                    "To remember the user from one page to another"),
                            tuple("django_language", "Language selection (front and back office)",
                                    "To remember the visitor's language"),
                            tuple("csrftoken", "API (CSRF) (front et back office)", "To retrieve data via API calls"),
                            tuple("cookies_preferences", "Choices related to your cookie preferences",
                                    "To remember the visitor's cookie preferences"));
        }

        @Test
        void readsCrlfLineEndingsAlike() {
            String unix = seed("juleslesmart.opendatasoft.com");
            String windows = unix.replace("\n", "\r\n");

            CookiePolicy policy = importText(windows);

            assertThat(policy.cookies()).isEqualTo(importText(unix).cookies());
            assertThat(policy.categories()).isEqualTo(importText(unix).categories());
            assertThat(policy.text()).isEqualTo(windows);
        }
    }

    @Test
    void passesANullConsentMaxAgeThrough() {
        CookiePolicy policy = importer.importText("example.org", 1, EFFECTIVE_FROM, null,
                seed("smartbump.opendatasoft.com"));

        assertThat(policy.consentMaxAge()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"_ga, _gid", "_ga _gid", "_ga et _gid", "_ga and _gid", "_ga;_gid", "_ga / _gid",
            " _ga ,, _gid ", "_ga,\u00A0_gid"})
    void splitsACellNamingSeveralCookies(String cookieCell) {
        CookiePolicy policy = importText(lines(
                "Statistics cookies",
                "Google\tAudience measurement (front office)\t" + cookieCell + "\tTo count visits"));

        assertThat(policy.cookies()).containsExactly(
                new Cookie("_ga", "Google", "Audience measurement (front office)", "To count visits", "statistics"),
                new Cookie("_gid", "Google", "Audience measurement (front office)", "To count visits", "statistics"));
    }

    @Test
    void givesEachSectionsTableTheCategoryOfItsHeading() {
        CookiePolicy policy = importText(lines(
                "Cookies necessary for the platform to function properly/functionality cookies",
                HEADER,
                "Opendatasoft\tAuthentication\tsessionid\tTo remember the user",
                "",
                "Audience measurement (statistics) cookies",
                "",
                HEADER,
                "Google\tAnalytics\t_ga, _gid\tTo count visits",
                "Matomo\tAnalytics\t_pk_id\tTo count visits",
                "",
                "Third-party cookies",
                HEADER,
                "YouTube\tEmbedded videos\tVISITOR_INFO1_LIVE\tTo play videos",
                "",
                "Internal cookies",
                "Example\tPreferences\ttheme\tTo remember the colour scheme"));

        assertThat(policy.cookies())
                .extracting(Cookie::name, Cookie::provider, Cookie::category)
                .containsExactly(
                        tuple("sessionid", "Opendatasoft", "necessary"),
                        tuple("_ga", "Google", "statistics"),
                        tuple("_gid", "Google", "statistics"),
                        tuple("_pk_id", "Matomo", "statistics"),
                        tuple("VISITOR_INFO1_LIVE", "YouTube", "third-party"),
                        tuple("theme", "Example", "first-party"));
    }

    @Test
    void acceptsBlankAndWhitespaceOnlyLinesInsideATable() {
        CookiePolicy policy = importText(lines(
                "Analytics cookies",
                HEADER,
                "",
                "Google\tAnalytics\t_ga\tTo count visits",
                "   ",
                "\t\t\t",
                "",
                "Matomo\tAnalytics\t_pk_id\tTo count visits"));

        assertThat(policy.cookies()).extracting(Cookie::name, Cookie::category)
                .containsExactly(tuple("_ga", "statistics"), tuple("_pk_id", "statistics"));
    }

    @Test
    void trimsEveryCellAndToleratesATrailingTab() {
        CookiePolicy policy = importText(lines(
                "Statistics cookies",
                "  Google \t Analytics\u00A0\t _ga \t To count visits \t"));

        assertThat(policy.cookies()).containsExactly(
                new Cookie("_ga", "Google", "Analytics", "To count visits", "statistics"));
    }

    @Test
    void readsAPageOfTwentyThousandRowsKeepingEachCookieOnce() {
        java.util.List<String> page = new java.util.ArrayList<>(java.util.List.of("Statistics cookies"));
        for (int i = 0; i < 20_000; i++) {
            page.add("Provider " + (i % 7) + "\tAnalytics\t_c" + i + "\tTo count visits");
        }
        page.add("Provider 0\tAnalytics\t_c0\tTo count visits");
        CookiePolicy policy = importText(lines(page.toArray(String[]::new)));

        assertThat(policy.cookies()).hasSize(20_000);
        assertThat(policy.cookies().get(19_999).name()).isEqualTo("_c19999");
    }

    @Test
    void dropsExactDuplicatesButKeepsTheSameNameElsewhere() {
        CookiePolicy policy = importText(lines(
                "Statistics cookies",
                "Google\tAnalytics\t_ga\tTo count visits",
                "Google\tAnalytics (again)\t_ga, _gid\tTo count visits",
                "Other\tAnalytics\t_ga\tTo count visits",
                "Third-party cookies",
                "Google\tAnalytics\t_ga\tTo count visits"));

        assertThat(policy.cookies())
                .extracting(Cookie::name, Cookie::provider, Cookie::function, Cookie::category)
                .containsExactly(
                        tuple("_ga", "Google", "Analytics", "statistics"),
                        tuple("_gid", "Google", "Analytics (again)", "statistics"),
                        tuple("_ga", "Other", "Analytics", "statistics"),
                        tuple("_ga", "Google", "Analytics", "third-party"));
    }

    @Test
    void usesDefaultNamesAndNoDescriptionWhenDefinitionsAreMissing() {
        CookiePolicy policy = importText(lines(
                "Necessary cookies",
                "Example\tLogin\tsession\tTo keep you logged in"));

        assertThat(policy.categories())
                .extracting(CookieCategory::id, CookieCategory::name, CookieCategory::description,
                        CookieCategory::consentRequired)
                .containsExactly(
                        tuple("necessary", "Necessary", null, false),
                        tuple("statistics", "Statistics", null, true),
                        tuple("first-party", "First-party", null, true),
                        tuple("third-party", "Third-party", null, true));
    }

    @Test
    void recognizesDefinitionsWithStraightQuotesInAnyCase() {
        CookiePolicy policy = importText(lines(
                "\"NECESSARY\" cookies keep the site working.",
                "\"statistics\" cookies count visits.",
                "\"First-party\" cookies are set by this site.",
                "“third party” cookies are set by others.",
                "\"Marketing\" cookies are not one of the four kinds.",
                "Necessary cookies",
                "Example\tLogin\tsession\tTo keep you logged in"));

        assertThat(policy.categories())
                .extracting(CookieCategory::id, CookieCategory::name, CookieCategory::description)
                .containsExactly(
                        tuple("necessary", "NECESSARY", "\"NECESSARY\" cookies keep the site working."),
                        tuple("statistics", "statistics", "\"statistics\" cookies count visits."),
                        tuple("first-party", "First-party", "\"First-party\" cookies are set by this site."),
                        tuple("third-party", "third party", "“third party” cookies are set by others."));
    }

    @Nested
    class Rejects {

        @Test
        void aRowWithTwoCellsNamingItsLine() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Necessary cookies",
                    HEADER,
                    "Opendatasoft\tAuthentication\tsessionid\tTo remember the user",
                    "",
                    "Opendatasoft\tcsrftoken")));

            assertThat(error.line()).isEqualTo(5);
            assertThat(error).hasMessage("line 5: expected 4 tab-separated cells "
                    + "(provider, function, cookie names, purpose), found 2");
        }

        @Test
        void aRowWithTooManyCells() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Necessary cookies",
                    "Opendatasoft\tAuthentication\tsessionid\tTo remember the user\t1 year")));

            assertThat(error.line()).isEqualTo(2);
            assertThat(error).hasMessageContaining("found 5");
        }

        @Test
        void countsLinesTheSameWithCrlfEndings() {
            InvalidPolicyText error = rejection(() -> importText(
                    "Necessary cookies\r\n\r\nOpendatasoft\tsessionid\r\n"));

            assertThat(error.line()).isEqualTo(3);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", ", ;", "and"})
        void anEmptyCookieCell(String cookieCell) {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Necessary cookies",
                    HEADER,
                    "Opendatasoft\tAuthentication\t" + cookieCell + "\tTo remember the user")));

            assertThat(error.line()).isEqualTo(3);
            assertThat(error).hasMessage("line 3: the cookie name(s) (third cell) is empty");
        }

        @Test
        void anEmptyProviderCell() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Necessary cookies",
                    " \tAuthentication\tsessionid\tTo remember the user")));

            assertThat(error.line()).isEqualTo(2);
            assertThat(error).hasMessage("line 2: the provider (first cell) is empty");
        }

        @Test
        void textWithoutATable() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Cookies policy",
                    "",
                    "“Necessary” cookies do not require the user’s consent.")));

            assertThat(error.line()).isZero();
            assertThat(error).hasMessage("no cookie table found: expected tab-separated rows of "
                    + "provider, function, cookie name(s), purpose");
        }

        @Test
        void aTableWithOnlyAHeaderRow() {
            InvalidPolicyText error = rejection(() -> importText(lines("Necessary cookies", HEADER)));

            assertThat(error).hasMessageStartingWith("no cookie table found");
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "  \n\t\r\n "})
        void blankText(String text) {
            InvalidPolicyText error = rejection(() -> importText(text));

            assertThat(error.line()).isZero();
            assertThat(error).hasMessage("policy text is empty");
        }

        @Test
        void rowsBeforeAnyHeading() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "",
                    HEADER,
                    "Opendatasoft\tAuthentication\tsessionid\tTo remember the user")));

            assertThat(error.line()).isEqualTo(3);
            assertThat(error).hasMessageContaining("before any section heading");
        }

        @Test
        void aTableWhoseHeadingNamesNoCategory() {
            InvalidPolicyText error = rejection(() -> importText(lines(
                    "Cookies necessary for the platform to function properly",
                    "Opendatasoft\tAuthentication\tsessionid\tTo remember the user",
                    "Other cookies we use",
                    "Example\tPreferences\ttheme\tTo remember the colour scheme")));

            assertThat(error.line()).isEqualTo(3);
            assertThat(error).hasMessageContaining("\"Other cookies we use\"");
        }
    }

    @Test
    void invalidPolicyTextPrefixesTheLineOnlyWhenThereIsOne() {
        InvalidPolicyText aboutTheWhole = new InvalidPolicyText("something is wrong");
        InvalidPolicyText aboutALine = new InvalidPolicyText(7, "bad cell");

        assertThat(aboutTheWhole.line()).isZero();
        assertThat(aboutTheWhole).hasMessage("something is wrong").isInstanceOf(RuntimeException.class);
        assertThat(aboutALine.line()).isEqualTo(7);
        assertThat(aboutALine).hasMessage("line 7: bad cell");
    }
}
