package org.consentledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentAggregatesTest {

    @Test
    void theLeastRecentlyUsedVisitorMakesRoomWhenTheCacheIsFull() {
        RecentAggregates cache = new RecentAggregates(2);
        cache.put("site/ann", "ann");
        cache.put("site/bob", "bob");
        assertThat((String) cache.get("site/ann")).isEqualTo("ann"); // ann is now the most recently used

        cache.put("site/cat", "cat");

        assertThat(cache.containsKey("site/bob")).isFalse();
        assertThat(cache.containsKey("site/ann")).isTrue();
        assertThat(cache.containsKey("site/cat")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void anAggregateWithoutIdIsNotCached() {
        RecentAggregates cache = new RecentAggregates(2);
        cache.put(null, "refused before it had an id");
        assertThat(cache.size()).isZero();
    }

    @Test
    void putIfAbsentKeepsTheEntryThatIsThere() {
        RecentAggregates cache = new RecentAggregates(2);
        assertThat(cache.putIfAbsent("site/ann", "first")).isTrue();
        assertThat(cache.putIfAbsent("site/ann", "second")).isFalse();
        assertThat((String) cache.get("site/ann")).isEqualTo("first");
        assertThat(cache.remove("site/ann")).isTrue();
        assertThat(cache.remove("site/ann")).isFalse();
    }
}
