package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedMapTest {

    @Test
    void leastRecentlyUsedKeepsWhatWasReadLately() {
        List<String> dropped = new ArrayList<>();
        Map<String, Integer> map = BoundedMap.leastRecentlyUsed(2, dropped::add);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);

        assertThat(map).containsOnlyKeys("a", "c");
        assertThat(dropped).containsExactly("b");
    }

    @Test
    void firstInFirstOutDropsTheOldestHoweverOftenItIsRead() {
        Map<String, Integer> map = BoundedMap.firstInFirstOut(2);
        map.put("a", 1);
        map.put("b", 2);
        map.get("a");
        map.put("c", 3);

        assertThat(map).containsOnlyKeys("b", "c");
    }

    @Test
    void manyThreadsNeverMakeItGrowPastItsCapacity() {
        Map<Integer, Integer> map = BoundedMap.synchronizedLeastRecentlyUsed(100);
        IntStream.range(0, 100_000).parallel().forEach(i -> map.put(i, i));

        assertThat(map).hasSize(100);
    }

    @Test
    void theConcurrentMapEmptiesItselfRatherThanGrowPastItsCapacity() {
        Map<String, Integer> map = BoundedMap.concurrentEmptiedWhenFull(2);
        map.put("a", 1);
        map.put("b", 2);
        map.put("a", 3);
        assertThat(map).containsOnlyKeys("a", "b").containsEntry("a", 3);

        map.put("c", 4);
        assertThat(map).containsOnlyKeys("c");

        map.computeIfAbsent("d", key -> 5);
        assertThat(map.computeIfAbsent("e", key -> 6)).isEqualTo(6);
        assertThat(map).containsOnlyKeys("e");
    }

    @Test
    void manyThreadsKeepTheConcurrentMapNearItsCapacity() {
        Map<Integer, Integer> map = BoundedMap.concurrentEmptiedWhenFull(100);
        IntStream.range(0, 100_000).parallel().forEach(i -> map.put(i, i));

        // A put checks the size, then puts: threads putting at once may each add one past it.
        assertThat(map.size()).isPositive().isLessThanOrEqualTo(100 + Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aMapThatHoldsNothingIsRefused() {
        assertThatThrownBy(() -> BoundedMap.leastRecentlyUsed(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BoundedMap.concurrentEmptiedWhenFull(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
