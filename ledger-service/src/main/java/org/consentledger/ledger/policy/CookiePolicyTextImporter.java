package org.consentledger.ledger.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentledger.api.policy.Cookie;
import org.consentledger.api.policy.CookieCategory;
import org.consentledger.api.policy.CookiePolicy;

/**
 * Reads a cookie policy saved from a web page as plain text: prose defining the kinds of cookies (paragraphs that
 * open with the quoted name of the kind, such as “Necessary” or “Third-party”), then one or more sections, each a
 * heading line followed by a tab-separated table of provider, function and location, cookie name(s) and purpose.
 */
public final class CookiePolicyTextImporter {

    private static final int CELLS_PER_ROW = 4;
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
    // Pages copied from a browser often carry no-break spaces, which a plain \s or String.trim() would keep.
    private static final Pattern EDGE_SPACE = Pattern.compile("^\\s+|\\s+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern COOKIE_NAME_SEPARATOR = Pattern.compile("[,;/\\s]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern HEADER_COOKIE_CELL =
            Pattern.compile("cookies?(\\(s\\))?\\s+names?", Pattern.CASE_INSENSITIVE);
    // Straight quotes are accepted as well because the curly ones do not always survive copying.
    private static final String QUOTED_TERM = "[“\"‘'«]\\s*(\\p{L}[\\p{L} -]*?)\\s*[”\"’'»]";
    private static final Pattern QUOTED = Pattern.compile(QUOTED_TERM);
    private static final Pattern LEADING_QUOTED_TERMS =
            Pattern.compile("^" + QUOTED_TERM + "(?:\\s+or\\s+" + QUOTED_TERM + ")*", Pattern.CASE_INSENSITIVE);

    /** The four kinds of cookie every imported policy offers; ids and consent rules do not depend on the text. */
    private enum Kind {
        NECESSARY("necessary", "Necessary", false),
        STATISTICS("statistics", "Statistics", true),
        FIRST_PARTY("first-party", "First-party", true),
        THIRD_PARTY("third-party", "Third-party", true);

        final String id;
        final String defaultName;
        final boolean consentRequired;

        Kind(String id, String defaultName, boolean consentRequired) {
            this.id = id;
            this.defaultName = defaultName;
            this.consentRequired = consentRequired;
        }

        static Optional<Kind> namedBy(String quotedTerm) {
            return switch (quotedTerm.toLowerCase(Locale.ROOT).replace(' ', '-')) {
                case "necessary" -> Optional.of(NECESSARY);
                case "statistical", "statistics" -> Optional.of(STATISTICS);
                case "internal", "first-party" -> Optional.of(FIRST_PARTY);
                case "third-party" -> Optional.of(THIRD_PARTY);
                default -> Optional.empty();
            };
        }

        // The order matters: "Third-party audience measurement" is about statistics, so purpose wins over origin.
        static Optional<Kind> ofHeading(String heading) {
            String h = heading.toLowerCase(Locale.ROOT);
            if (h.contains("necessary") || h.contains("functionality")) {
                return Optional.of(NECESSARY);
            }
            if (h.contains("statistic") || h.contains("analytic") || h.contains("audience")) {
                return Optional.of(STATISTICS);
            }
            if (h.contains("third")) {
                return Optional.of(THIRD_PARTY);
            }
            if (h.contains("first-party") || h.contains("first party") || h.contains("internal")) {
                return Optional.of(FIRST_PARTY);
            }
            return Optional.empty();
        }
    }

    private record TextLine(int number, String text) {
    }

    /**
     * @param consentMaxAge passed through as is, null included: filling in the ledger's default is the caller's job
     * @param text          kept verbatim as the policy's text
     * @throws InvalidPolicyText when the text holds no cookie table, or a table that cannot be read
     */
    public CookiePolicy importText(
            String siteId, int version, Instant effectiveFrom, Duration consentMaxAge, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidPolicyText("policy text is empty");
        }
        String[] lines = LINE_BREAK.split(text.replaceFirst("^\uFEFF", ""), -1);
        Map<String, CookieCategory> definedCategories = new HashMap<>();
        List<Cookie> cookies = new ArrayList<>();
        Set<List<String>> listed = new HashSet<>();
        TextLine heading = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            String line = clean(lines[i]);
            if (line.isEmpty()) {
                continue;
            }
            if (line.indexOf('\t') < 0) {
                heading = new TextLine(lineNumber, line);
                definition(line).ifPresent(category -> definedCategories.putIfAbsent(category.id(), category));
                continue;
            }
            List<String> cells = cells(lines[i], lineNumber);
            if (HEADER_COOKIE_CELL.matcher(cells.get(2)).find()) {
                continue;
            }
            Kind kind = kindOfTableUnder(heading, lineNumber);
            for (Cookie cookie : cookiesInRow(cells, kind, lineNumber)) {
                // A set of what makes cookies the same, so a page of many rows is read in time linear in them.
                if (listed.add(List.of(cookie.name(), cookie.provider(), cookie.category()))) {
                    cookies.add(cookie);
                }
            }
        }
        if (cookies.isEmpty()) {
            throw new InvalidPolicyText("no cookie table found: expected tab-separated rows of "
                    + "provider, function, cookie name(s), purpose");
        }
        List<CookieCategory> categories = Arrays.stream(Kind.values())
                .map(kind -> definedCategories.getOrDefault(kind.id,
                        new CookieCategory(kind.id, kind.defaultName, null, kind.consentRequired)))
                .toList();
        return new CookiePolicy(siteId, version, effectiveFrom, consentMaxAge, categories, cookies, text);
    }

    /** A paragraph such as “Internal” or “first-party” cookies are... defines the kind it names first. */
    private static Optional<CookieCategory> definition(String paragraph) {
        Matcher leading = LEADING_QUOTED_TERMS.matcher(paragraph);
        if (!leading.lookingAt()) {
            return Optional.empty();
        }
        List<String> terms = QUOTED.matcher(leading.group()).results().map(term -> term.group(1)).toList();
        return Kind.namedBy(terms.get(0)).map(kind ->
                new CookieCategory(kind.id, String.join(" or ", terms), paragraph, kind.consentRequired));
    }

    private static Kind kindOfTableUnder(TextLine heading, int rowLine) {
        if (heading == null) {
            throw new InvalidPolicyText(rowLine, "cookie table comes before any section heading; put a heading "
                    + "naming its category (e.g. \"Necessary cookies\") on a line of its own above the table");
        }
        return Kind.ofHeading(heading.text()).orElseThrow(() -> new InvalidPolicyText(heading.number(),
                "cannot tell the cookie category of the table below heading \"" + heading.text() + "\"; the heading "
                        + "should mention necessary/functionality, statistics/analytics/audience, third-party "
                        + "or first-party/internal"));
    }

    private static List<String> cells(String row, int lineNumber) {
        List<String> cells = new ArrayList<>(Arrays.stream(row.split("\t", -1))
                .map(CookiePolicyTextImporter::clean).toList());
        // A trailing tab left over from the page layout adds an empty cell that is no part of the table.
        while (cells.size() > CELLS_PER_ROW && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        if (cells.size() != CELLS_PER_ROW) {
            throw new InvalidPolicyText(lineNumber, "expected " + CELLS_PER_ROW + " tab-separated cells "
                    + "(provider, function, cookie names, purpose), found " + cells.size());
        }
        return cells;
    }

    private static List<Cookie> cookiesInRow(List<String> cells, Kind kind, int lineNumber) {
        String provider = cells.get(0);
        if (provider.isEmpty()) {
            throw new InvalidPolicyText(lineNumber, "the provider (first cell) is empty");
        }
        List<String> names = Arrays.stream(COOKIE_NAME_SEPARATOR.split(cells.get(2)))
                .filter(name -> !name.isEmpty())
                .filter(name -> !name.equalsIgnoreCase("and") && !name.equalsIgnoreCase("et"))
                .toList();
        if (names.isEmpty()) {
            throw new InvalidPolicyText(lineNumber, "the cookie name(s) (third cell) is empty");
        }
        return names.stream().map(name -> new Cookie(name, provider, cells.get(1), cells.get(3), kind.id)).toList();
    }

    private static String clean(String s) {
        return EDGE_SPACE.matcher(s).replaceAll("");
    }
}
