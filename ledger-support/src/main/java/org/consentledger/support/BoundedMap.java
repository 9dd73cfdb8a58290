package org.consentledger.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps that keep at most a given number of entries, dropping the eldest: what the ledger remembers of streams,
 * visitors and ids so that it rarely asks the store, without growing with the ledger.
 */
public final class BoundedMap {

    private BoundedMap() {
    }

    /** Drops the entry used least recently (reads count as use); for one thread at a time. */
    public static <K, V> Map<K, V> leastRecentlyUsed(int capacity) {
        return leastRecentlyUsed(capacity, key -> { });
    }

    /** As {@link #leastRecentlyUsed(int)}, telling {@code dropped} each key it lets go. */
    public static <K, V> Map<K, V> leastRecentlyUsed(int capacity, Consumer<K> dropped) {
        return new Bounded<>(capacity, true, dropped);
    }

    /** {@link #leastRecentlyUsed(int)}, safe for several threads. */
    public static <K, V> Map<K, V> synchronizedLeastRecentlyUsed(int capacity) {
        return Collections.synchronizedMap(leastRecentlyUsed(capacity));
    }

    /** Drops the entry put first, however often it is read; for one thread at a time. */
    public static <K, V> Map<K, V> firstInFirstOut(int capacity) {
        return new Bounded<>(capacity, false, key -> { });
    }

    private static final class Bounded<K, V> extends LinkedHashMap<K, V> {

        private final int capacity;
        private final Consumer<K> dropped;

        Bounded(int capacity, boolean accessOrder, Consumer<K> dropped) {
            // Sized for what it will hold, up to a point: a large capacity is usually not reached.
            super(Math.min(Math.max(capacity, 1), 1 << 16) * 4 / 3 + 1, 0.75f, accessOrder);
            if (capacity < 1) {
                throw new IllegalArgumentException("a bounded map holds at least one entry, not " + capacity);
            }
            this.capacity = capacity;
            this.dropped = dropped;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            if (size() <= capacity) {
                return false;
            }
            dropped.accept(eldest.getKey());
            return true;
        }
    }
}
