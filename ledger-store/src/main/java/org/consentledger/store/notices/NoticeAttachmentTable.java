package org.consentledger.store.notices;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The bytes of notices' attachments, by site and SHA-256 (table {@code notice_attachment}). */
public class NoticeAttachmentTable {

    private final JdbcClient jdbc;

    public NoticeAttachmentTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An attachment's bytes as stored. */
    public record Content(String mediaType, byte[] bytes) {
    }

    /**
     * In the transaction of the event that lists the file; a file two notices of the site share is kept once. Groups
     * of events commit one after the other, so no other transaction stores the same file meanwhile.
     */
    public void store(String siteId, String sha256, String mediaType, byte[] bytes) {
        long kept = jdbc.sql("select count(*) from notice_attachment where site_id = :site and sha256 = :sha256")
                .param("site", siteId)
                .param("sha256", sha256)
                .query(Long.class).single();
        if (kept > 0) {
            return;
        }
        jdbc.sql("""
                        insert into notice_attachment (site_id, sha256, media_type, content)
                        values (:site, :sha256, :mediaType, :content)
                        """)
                .param("site", siteId)
                .param("sha256", sha256)
                .param("mediaType", mediaType)
                .param("content", bytes)
                .update();
    }

    public Optional<Content> find(String siteId, String sha256) {
        return jdbc.sql("select media_type, content from notice_attachment where site_id = :site and sha256 = :sha256")
                .param("site", siteId)
                .param("sha256", sha256)
                .query((rs, n) -> new Content(rs.getString(1), rs.getBytes(2)))
                .optional();
    }
}
