package org.consentledger.store.collection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each site's publishable key and allowed page origins (table {@code site_collection}). */
public class SiteCollectionTable {

    private final JdbcClient jdbc;

    public SiteCollectionTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A site's settings as stored; origins in the order they were given. */
    public record Row(String siteId, String publishableKey, List<String> allowedOrigins, Instant updatedAt) {
    }

    public Optional<Row> find(String siteId) {
        return jdbc.sql("""
                        select site_id, publishable_key, allowed_origins, updated_at
                        from site_collection where site_id = :site
                        """)
                .param("site", siteId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), origins(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Creates the site's settings or replaces them, in one statement each way so that a retry is harmless. */
    public void save(Row row) {
        int updated = jdbc.sql("""
                        update site_collection set publishable_key = :key, allowed_origins = :origins,
                        updated_at = :at where site_id = :site
                        """)
                .param("site", row.siteId())
                .param("key", row.publishableKey())
                .param("origins", String.join("\n", row.allowedOrigins()))
                .param("at", OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into site_collection (site_id, publishable_key, allowed_origins, updated_at)
                            values (:site, :key, :origins, :at)
                            """)
                    .param("site", row.siteId())
                    .param("key", row.publishableKey())
                    .param("origins", String.join("\n", row.allowedOrigins()))
                    .param("at", OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC))
                    .update();
        }
    }

    private static List<String> origins(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }
}
