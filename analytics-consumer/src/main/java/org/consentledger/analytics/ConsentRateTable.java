package org.consentledger.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.consentledger.api.EventType;
import org.consentledger.support.BoundedMap;
import tools.jackson.databind.JsonNode;

/**
 * Consent rates per site, category and day (UTC, by when the visitor chose), and per site, notice shown and method
 * of choice (what a banner's wording and buttons do to the rates), built from the events on the
 * {@code consent-events} topic. Each event counts once however often it is delivered: events are recognised by
 * their id. A withdrawal of "everything" counts for every category that required consent in the policy version
 * it was made under, which the table learns from the policy events on the same topic.
 */
public final class ConsentRateTable {

    /** Event ids already counted; bounded, as a long-running consumer would keep it. */
    private final Map<String, Boolean> seen;
    private final Map<Key, Counts> counts = new TreeMap<>();
    private final Map<ChoiceKey, Counts> byChoice = new TreeMap<>();
    private final Map<String, Set<String>> consentCategories = new HashMap<>();
    private long duplicates;

    public ConsentRateTable(int rememberedIds) {
        this.seen = BoundedMap.firstInFirstOut(rememberedIds);
    }

    public record Key(String siteId, LocalDate day, String category) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySite = siteId.compareTo(other.siteId);
            int byDay = day.compareTo(other.day);
            return bySite != 0 ? bySite : byDay != 0 ? byDay : category.compareTo(other.category);
        }
    }

    /**
     * @param noticeId the notice the visitors were shown, {@value #UNSAID} when the client did not say
     * @param method   how they chose ({@code accept-all}, {@code custom}, ...), {@value #UNSAID} when not said
     */
    public record ChoiceKey(String siteId, String noticeId, String method) implements Comparable<ChoiceKey> {
        @Override
        public int compareTo(ChoiceKey other) {
            int bySite = siteId.compareTo(other.siteId);
            int byNotice = noticeId.compareTo(other.noticeId);
            return bySite != 0 ? bySite : byNotice != 0 ? byNotice : method.compareTo(other.method);
        }
    }

    /** What the table shows for a decision whose client did not say which notice, or which method. */
    public static final String UNSAID = "-";

    public static final class Counts {
        long granted;
        long denied;
        long withdrawn;

        public long granted() {
            return granted;
        }

        public long denied() {
            return denied;
        }

        public long withdrawn() {
            return withdrawn;
        }

        /** Share of choices on this category that granted it; null before any. */
        public Double grantRate() {
            return granted + denied == 0 ? null : (double) granted / (granted + denied);
        }
    }

    /** Counts one CloudEvent from the topic; false when it was a repeat of one already counted. */
    public boolean add(JsonNode event) {
        if (seen.putIfAbsent(event.get("id").asString(), Boolean.TRUE) != null) {
            duplicates++;
            return false;
        }
        JsonNode data = event.get("data");
        String site = data.get("siteId").asString();
        EventType type = EventType.ofCloudEventType(event.get("type").asString()).orElse(null);
        if (type == null) {
            // A type this consumer does not know yet: schema version 1 allows none, later ones may add some.
            return true;
        }
        switch (type) {
            case POLICY_PUBLISHED -> {
                List<String> required = new ArrayList<>();
                data.get("categories").forEach(c -> {
                    if (c.get("consentRequired").asBoolean()) {
                        required.add(c.get("id").asString());
                    }
                });
                consentCategories.put(site + "#" + data.get("version").asInt(), Set.copyOf(required));
            }
            case CONSENT_GIVEN -> {
                LocalDate day = day(data);
                data.get("granted").forEach(c -> count(site, day, c.asString()).granted++);
                data.get("denied").forEach(c -> count(site, day, c.asString()).denied++);
                Counts choices = byChoice.computeIfAbsent(choiceKey(site, data), k -> new Counts());
                choices.granted += data.get("granted").size();
                choices.denied += data.get("denied").size();
            }
            case CONSENT_WITHDRAWN -> {
                LocalDate day = day(data);
                List<String> categories = new ArrayList<>();
                data.get("categories").forEach(c -> categories.add(c.asString()));
                if (categories.isEmpty()) {
                    categories.addAll(consentCategories.getOrDefault(site + "#" + data.get("policyVersion").asInt(),
                            Set.of("*")));
                }
                categories.forEach(c -> count(site, day, c).withdrawn++);
                byChoice.computeIfAbsent(choiceKey(site, data), k -> new Counts()).withdrawn += categories.size();
            }
            default -> {
                // An erasure changes no rate: this consumer keeps nothing per visitor that it would have to forget.
            }
        }
        return true;
    }

    public Map<Key, Counts> rows() {
        return counts;
    }

    /** Categories granted, denied and withdrawn per site, notice shown and method of choice. */
    public Map<ChoiceKey, Counts> byNoticeAndMethod() {
        return byChoice;
    }

    public long duplicates() {
        return duplicates;
    }

    /** The table as text, one row per site, day and category, then one per site, notice and method. */
    public String render() {
        StringBuilder out = new StringBuilder(String.format(ROW, "site", "day", "category", "granted", "denied",
                "withdrawn", "rate"));
        counts.forEach((key, c) -> out.append(row(key.siteId(), key.day().toString(), key.category(), c)));
        out.append(String.format("%n" + ROW, "site", "notice", "method", "granted", "denied", "withdrawn", "rate"));
        byChoice.forEach((key, c) -> out.append(row(key.siteId(), key.noticeId(), key.method(), c)));
        return out.toString();
    }

    private static final String ROW = "%-34s %-20s %-12s %8s %8s %9s %6s%n";

    private static String row(String site, String first, String second, Counts c) {
        return String.format(ROW, site, first, second, c.granted, c.denied, c.withdrawn,
                c.grantRate() == null ? "-" : String.format("%.0f%%", 100 * c.grantRate()));
    }

    /** Events of schema version 3 and before have no context: their choices count as unsaid. */
    private static ChoiceKey choiceKey(String site, JsonNode data) {
        JsonNode context = data.path("context");
        return new ChoiceKey(site, context.path("noticeId").asString(UNSAID), context.path("method").asString(UNSAID));
    }

    private Counts count(String site, LocalDate day, String category) {
        return counts.computeIfAbsent(new Key(site, day, category), k -> new Counts());
    }

    private static LocalDate day(JsonNode data) {
        return LocalDate.ofInstant(Instant.parse(data.get("occurredAt").asString()), ZoneOffset.UTC);
    }
}
