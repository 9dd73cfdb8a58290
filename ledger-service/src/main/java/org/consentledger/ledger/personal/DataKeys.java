package org.consentledger.ledger.personal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.store.personal.VisitorKeyTable;
import org.consentledger.store.personal.VisitorKeyTable.StoredKey;
import org.consentledger.support.BoundedMap;

/**
 * The visitor streams' data keys: made with a stream's first event, kept wrapped in the database, destroyed by an
 * erasure. The write path keeps recently used keys in memory; reads that show personal data always ask the table,
 * so a key destroyed by another instance is not used again by this one.
 */
public class DataKeys {

    private final VisitorKeyTable table;
    private final KeyWrapping wrapping;
    private final Clock clock;
    private final Map<String, DataKey> recent;

    public DataKeys(VisitorKeyTable table, KeyWrapping wrapping, Clock clock, int remembered) {
        this.table = table;
        this.wrapping = wrapping;
        this.clock = clock;
        // Read for every event a group seals, by every writer thread at once.
        this.recent = BoundedMap.concurrentEmptiedWhenFull(remembered);
    }

    /** Keys for a group's appends, with the ones made for new streams, stored in the caller's transaction. */
    public record ForAppend(Map<String, DataKey> keys, Map<String, DataKey> made) {
    }

    /**
     * The keys of these streams, in the caller's transaction; a stream without one (a new stream) gets a new key,
     * inserted there. A stream whose key cannot be unwrapped is a fault: its events must not be sealed anew.
     */
    public ForAppend forAppend(Collection<String> streams) {
        Map<String, DataKey> keys = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String stream : streams) {
            DataKey known = recent.get(stream);
            if (known != null) {
                keys.put(stream, known);
            } else if (!keys.containsKey(stream)) {
                unknown.add(stream);
            }
        }
        Map<String, StoredKey> stored = table.read(unknown);
        Map<String, DataKey> made = new HashMap<>();
        List<StoredKey> inserts = new ArrayList<>();
        for (String stream : unknown) {
            StoredKey key = stored.get(stream);
            if (key != null) {
                keys.put(stream, wrapping.unwrap(new KeyWrapping.WrappedKey(key.kekName(), key.wrapped()), stream));
            } else {
                DataKey fresh = DataKey.generate();
                KeyWrapping.WrappedKey wrapped = wrapping.wrap(fresh, stream);
                inserts.add(new StoredKey(stream, wrapped.kekName(), wrapped.sealed()));
                keys.put(stream, fresh);
                made.put(stream, fresh);
            }
        }
        table.insert(inserts, clock.instant());
        return new ForAppend(keys, made);
    }

    /** Once the group's transaction committed: its keys are the table's. */
    public void committed(ForAppend keys) {
        recent.putAll(keys.keys());
    }

    /** After a failed group: keys it made were rolled back with it. */
    public void rolledBack(ForAppend keys) {
        keys.made().keySet().forEach(recent::remove);
    }

    /** The stream's key for the write path: remembered, or as the table holds it. */
    public Optional<DataKey> known(String stream) {
        DataKey remembered = recent.get(stream);
        return remembered != null ? Optional.of(remembered) : current(stream);
    }

    /**
     * The keys of these streams as the table holds them now, by stream; a stream without a key is absent.
     *
     * @throws UnreadableSeal when a stored key does not unwrap: altered, moved, or wrapped under a key-encryption key
     *         no longer configured
     */
    public Map<String, DataKey> current(Collection<String> streams) {
        Map<String, DataKey> keys = new HashMap<>();
        table.read(streams).forEach((stream, key) -> keys.put(stream,
                wrapping.unwrap(new KeyWrapping.WrappedKey(key.kekName(), key.wrapped()), stream)));
        return keys;
    }

    /** The stream's key as the table holds it now, or empty when it was destroyed (or never made). */
    public Optional<DataKey> current(String stream) {
        StoredKey key = table.read(List.of(stream)).get(stream);
        return key == null ? Optional.empty()
                : Optional.of(wrapping.unwrap(new KeyWrapping.WrappedKey(key.kekName(), key.wrapped()), stream));
    }

    /** No longer keeps the stream's key in memory. */
    public void forget(String stream) {
        recent.remove(stream);
    }

    /** Destroys the stream's key, in the caller's transaction; true when there was one. */
    public boolean destroy(String stream) {
        recent.remove(stream);
        return table.delete(stream);
    }
}
