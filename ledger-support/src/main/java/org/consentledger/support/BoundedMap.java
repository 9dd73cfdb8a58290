package org.consentledger.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

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

    /**
     * Safe for several threads without a lock on reads: when a new entry would take it past {@code capacity}, it
     * drops every entry first. For what is read far more often than written by many threads at once, where a shared
     * lock on each read (as the least recently used maps take) costs more than refilling now and then.
     */
    public static <K, V> Map<K, V> concurrentEmptiedWhenFull(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a bounded map holds at least one entry, not " + capacity);
        }
        return new EmptiedWhenFull<>(capacity);
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

    private static final class EmptiedWhenFull<K, V> extends ConcurrentHashMap<K, V> {

        private final int capacity;

        EmptiedWhenFull(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public V put(K key, V value) {
            makeRoomFor(key);
            return super.put(key, value);
        }

        @Override
        public void putAll(Map<? extends K, ? extends V> entries) {
            entries.forEach(this::put);
        }

        @Override
        public V putIfAbsent(K key, V value) {
            makeRoomFor(key);
            return super.putIfAbsent(key, value);
        }

        @Override
        public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
            V known = get(key);
            if (known != null) {
                return known;
            }
            makeRoomFor(key);
            return super.computeIfAbsent(key, compute);
        }

        private void makeRoomFor(K key) {
            if (size() >= capacity && !containsKey(key)) {
                clear();
            }
        }
    }
}
