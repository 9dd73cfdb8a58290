package org.consentledger.ledger.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.consentledger.verifier.MerkleTree;
import org.consentledger.verifier.SignedCheckpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The Merkle log's leaves and signed checkpoints, as stored. */
@Component
public class EvidenceLog {

    private final JdbcClient jdbc;

    EvidenceLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One leaf: the hash of the event at a position of the store's global order. */
    public record Leaf(long leafIndex, long globalIndex, String eventId, String eventHash) {

        public byte[] leafHash() {
            return MerkleTree.leafHash(HexFormat.of().parseHex(eventHash));
        }
    }

    /** Leaves are numbered from 0 without gaps, so the count is the next index. */
    public long size() {
        return jdbc.sql("select count(*) from merkle_leaf").query(Long.class).single();
    }

    void append(Leaf leaf) {
        jdbc.sql("""
                        insert into merkle_leaf (leaf_index, global_index, event_id, event_hash)
                        values (:leafIndex, :globalIndex, :eventId, :eventHash)
                        """)
                .param("leafIndex", leaf.leafIndex())
                .param("globalIndex", leaf.globalIndex())
                .param("eventId", leaf.eventId())
                .param("eventHash", leaf.eventHash())
                .update();
    }

    public List<Leaf> leaves(long fromIndex, long toIndexExclusive) {
        return jdbc.sql("""
                        select leaf_index, global_index, event_id, event_hash from merkle_leaf
                         where leaf_index >= :from and leaf_index < :to order by leaf_index
                        """)
                .param("from", fromIndex)
                .param("to", toIndexExclusive)
                .query(EvidenceLog::leaf)
                .list();
    }

    /** The leaf hashes of the first {@code treeSize} leaves, in order: what a tree of that size is built from. */
    public List<byte[]> leafHashes(long treeSize) {
        return leaves(0, treeSize).stream().map(Leaf::leafHash).toList();
    }

    public Optional<Leaf> leafOf(String eventId) {
        return jdbc.sql("select leaf_index, global_index, event_id, event_hash from merkle_leaf where event_id = :id")
                .param("id", eventId)
                .query(EvidenceLog::leaf)
                .optional();
    }

    public Optional<SignedCheckpoint> latestCheckpoint() {
        return jdbc.sql("""
                        select tree_size, root_hash, signed_at, key_id, signature from merkle_checkpoint
                         order by tree_size desc fetch first 1 rows only
                        """)
                .query(EvidenceLog::checkpoint)
                .optional();
    }

    public Optional<SignedCheckpoint> checkpoint(long treeSize) {
        return jdbc.sql("select tree_size, root_hash, signed_at, key_id, signature from merkle_checkpoint where tree_size = :size")
                .param("size", treeSize)
                .query(EvidenceLog::checkpoint)
                .optional();
    }

    public List<SignedCheckpoint> checkpoints() {
        return jdbc.sql("select tree_size, root_hash, signed_at, key_id, signature from merkle_checkpoint order by tree_size")
                .query(EvidenceLog::checkpoint)
                .list();
    }

    void store(SignedCheckpoint checkpoint) {
        jdbc.sql("""
                        insert into merkle_checkpoint (tree_size, root_hash, signed_at, key_id, signature)
                        values (:size, :root, :signedAt, :keyId, :signature)
                        """)
                .param("size", checkpoint.treeSize())
                .param("root", checkpoint.rootHash())
                .param("signedAt", OffsetDateTime.ofInstant(checkpoint.signedAt(), ZoneOffset.UTC))
                .param("keyId", checkpoint.keyId())
                .param("signature", checkpoint.signature())
                .update();
    }

    private static Leaf leaf(ResultSet rs, int row) throws SQLException {
        return new Leaf(rs.getLong("leaf_index"), rs.getLong("global_index"), rs.getString("event_id"),
                rs.getString("event_hash"));
    }

    private static SignedCheckpoint checkpoint(ResultSet rs, int row) throws SQLException {
        return new SignedCheckpoint(rs.getLong("tree_size"), rs.getString("root_hash"),
                rs.getObject("signed_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"),
                rs.getString("signature"));
    }
}
