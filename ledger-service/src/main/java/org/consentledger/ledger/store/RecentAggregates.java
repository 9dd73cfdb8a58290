package org.consentledger.ledger.store;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.consentledger.support.BoundedMap;

/**
 * The most recently used aggregates, at most {@code capacity} of them, so that a visitor who comes back is not
 * rebuilt from the store on every command. Bounded because a heap cap, not the number of visitors, limits a service:
 * Axon's own weak-reference cache is emptied by every collection and its other caches need a caching library.
 * A cached aggregate can be stale only when another instance wrote its stream; the append then fails on the
 * store's unique (stream, sequence) key, Axon evicts the entry on that rollback and the command is retried.
 */
public class RecentAggregates implements Cache {

    private final Map<Object, Object> entries;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public RecentAggregates(int capacity) {
        this.entries = BoundedMap.leastRecentlyUsed(capacity,
                key -> listeners.forEach(l -> l.onEntryExpired(key)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (key == null) {
            return; // Axon saves an aggregate whose creating command was refused before it got an id
        }
        Object previous = entries.put(key, value);
        listeners.forEach(l -> {
            if (previous == null) {
                l.onEntryCreated(key, value);
            } else {
                l.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public synchronized void removeAll() {
        entries.clear();
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    public synchronized int size() {
        return entries.size();
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
