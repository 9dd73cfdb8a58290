package org.consentledger.store.personal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.consentledger.store.InList;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The visitor streams' data keys, each as wrapped outside the database (table {@code visitor_data_key}). */
public class VisitorKeyTable {

    private final JdbcClient jdbc;

    public VisitorKeyTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stream's key as stored: the name of the key-encryption key that wrapped it, and the wrapped key. */
    public record StoredKey(String stream, String kekName, byte[] wrapped) {
    }

    /** The stored keys of these streams, by stream; a stream without a key is absent. */
    public Map<String, StoredKey> read(Collection<String> streams) {
        Map<String, StoredKey> keys = new LinkedHashMap<>();
        InList.rows(jdbc, "select stream_id, kek_name, wrapped_key from visitor_data_key where stream_id in ", streams,
                (rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .forEach(key -> keys.put(key.stream(), key));
        return keys;
    }

    /**
     * In the transaction that stores the streams' first events: a second key for a stream fails on its key. A
     * statement for up to {@link InList#MOST} keys, since a group of new visitors makes one key each.
     */
    public void insert(List<StoredKey> keys, Instant createdAt) {
        Timestamp created = Timestamp.from(createdAt);
        for (int from = 0; from < keys.size(); from += InList.MOST) {
            List<StoredKey> chunk = keys.subList(from, Math.min(from + InList.MOST, keys.size()));
            StringBuilder sql = new StringBuilder(
                    "insert into visitor_data_key (stream_id, kek_name, wrapped_key, created_at) values ");
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (StoredKey key : chunk) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?)");
                params.add(key.stream());
                params.add(key.kekName());
                params.add(key.wrapped());
                params.add(created);
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /** Destroys a stream's key; true when there was one. */
    public boolean delete(String stream) {
        return jdbc.sql("delete from visitor_data_key where stream_id = :stream").param("stream", stream).update() > 0;
    }

    /** Up to {@code limit} keys still wrapped under a key-encryption key other than {@code current}. */
    public List<StoredKey> wrappedUnderOther(String current, int limit) {
        return jdbc.sql("""
                        select stream_id, kek_name, wrapped_key from visitor_data_key
                         where kek_name <> :current order by stream_id fetch first :limit rows only
                        """)
                .param("current", current)
                .param("limit", limit)
                .query((rs, n) -> new StoredKey(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .list();
    }

    /** Replaces a key's wrapping, if the key is still there as it was read. */
    public boolean rewrap(StoredKey before, StoredKey after) {
        return jdbc.sql("""
                        update visitor_data_key set kek_name = :kek, wrapped_key = :wrapped
                         where stream_id = :stream and kek_name = :before
                        """)
                .param("kek", after.kekName())
                .param("wrapped", after.wrapped())
                .param("stream", before.stream())
                .param("before", before.kekName())
                .update() > 0;
    }

    /** How many keys are wrapped under each key-encryption key. */
    public Map<String, Long> countByWrapping() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select kek_name, count(*) from visitor_data_key group by kek_name")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

}
