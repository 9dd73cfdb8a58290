package org.consentledger.store.evidence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentledger.store.InList;
import org.consentledger.verifier.MerkleFrontier;
import org.consentledger.verifier.MerkleTree;
import org.consentledger.verifier.SignedCheckpoint;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Merkle log's tables: its leaves ({@code merkle_leaf}), the perfect subtrees stored to answer proofs
 * ({@code merkle_node}) and the signed checkpoints ({@code merkle_checkpoint}).
 */
public class EvidenceLog {

    /** Leaves read at a time when a tree is extended. */
    private static final int PAGE = 10_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public EvidenceLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** One leaf: the hash of the event at a position of the store's global order. */
    public record Leaf(long leafIndex, long globalIndex, String eventId, String eventHash) {

        public byte[] leafHash() {
            return MerkleTree.leafHash(HexFormat.of().parseHex(eventHash));
        }
    }

    /** Leaves are numbered from 0 without gaps, so one past the highest index is the size (an index lookup). */
    public long size() {
        return jdbc.sql("select coalesce(max(leaf_index), -1) + 1 from merkle_leaf").query(Long.class).single();
    }

    public void append(List<Leaf> leaves) {
        jdbcTemplate.batchUpdate(
                "insert into merkle_leaf (leaf_index, global_index, event_id, event_hash) values (?, ?, ?, ?)",
                leaves, leaves.size(), (statement, leaf) -> {
                    statement.setLong(1, leaf.leafIndex());
                    statement.setLong(2, leaf.globalIndex());
                    statement.setString(3, leaf.eventId());
                    statement.setString(4, leaf.eventHash());
                });
    }

    /** Where an event stands: its place in the store's global order, and whether the log holds a leaf for it. */
    public record Place(long globalIndex, boolean logged) {
    }

    /**
     * The places of those of these events the store holds, in one statement: the log's duplicate check and the
     * leaves' positions come from the same rows.
     */
    public Map<String, Place> placesOf(Collection<String> eventIds) {
        Map<String, Place> places = new HashMap<>();
        jdbc.sql("""
                        select e.event_identifier, e.global_index, l.event_id
                          from domain_event_entry e left join merkle_leaf l on l.global_index = e.global_index
                         where e.event_identifier in\s""" + InList.of(eventIds))
                .query((rs, row) -> places.put(rs.getString(1), new Place(rs.getLong(2), rs.getString(3) != null)))
                .list();
        return places;
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

    /**
     * Appends the stored leaves from the frontier's size up to {@code treeSize} to it, a page at a time, telling
     * {@code completed} of every subtree a leaf completes.
     */
    public void extend(MerkleFrontier frontier, long treeSize, MerkleFrontier.Completed completed) {
        for (long from = frontier.size(); from < treeSize; from += PAGE) {
            leaves(from, Math.min(from + PAGE, treeSize)).forEach(leaf -> frontier.append(leaf.leafHash(), completed));
        }
    }

    /** One perfect subtree of a stored level, kept so that proofs read few nodes. */
    public record Node(int level, long index, String hash) {
    }

    /** Stores these nodes; one stored before (by another instance) is left as it is. */
    public void storeNodes(List<Node> nodes) {
        jdbcTemplate.batchUpdate("""
                        merge into merkle_node t
                        using (values (cast(? as integer), cast(? as bigint), cast(? as varchar(64))))
                              as s (node_level, node_index, node_hash)
                           on t.node_level = s.node_level and t.node_index = s.node_index
                         when not matched then insert (node_level, node_index, node_hash)
                              values (s.node_level, s.node_index, s.node_hash)
                        """, nodes, nodes.size(), (statement, node) -> {
                    statement.setInt(1, node.level());
                    statement.setLong(2, node.index());
                    statement.setString(3, node.hash());
                });
    }

    /** The stored nodes of a level from index {@code from} up to {@code to} (excluded), by index. */
    public Map<Long, byte[]> tileNodes(int level, long from, long to) {
        Map<Long, byte[]> nodes = new HashMap<>();
        jdbc.sql("""
                        select node_index, node_hash from merkle_node
                         where node_level = :level and node_index >= :from and node_index < :to
                        """)
                .param("level", level)
                .param("from", from)
                .param("to", to)
                .query((rs, row) -> nodes.put(rs.getLong(1), HexFormat.of().parseHex(rs.getString(2))))
                .list();
        return nodes;
    }

    /** Every stored node, lowest level first. */
    public List<Node> nodes() {
        return jdbc.sql("select node_level, node_index, node_hash from merkle_node order by node_level, node_index")
                .query((rs, row) -> new Node(rs.getInt(1), rs.getLong(2), rs.getString(3)))
                .list();
    }

    /** How many nodes are stored. */
    public long storedNodeCount() {
        return jdbc.sql("select count(*) from merkle_node").query(Long.class).single();
    }

    /** The subtree roots of the largest checkpointed tree that has them stored. */
    public Optional<MerkleFrontier> latestFrontier() {
        return jdbc.sql("""
                        select tree_size, frontier from merkle_checkpoint where frontier is not null
                         order by tree_size desc fetch first 1 rows only
                        """)
                .query((rs, row) -> MerkleFrontier.parse(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    /** The leaves of the events at global indexes {@code from} to {@code to}, both included, by global index. */
    public Map<Long, Leaf> leavesAt(long from, long to) {
        return jdbc.sql("""
                        select leaf_index, global_index, event_id, event_hash from merkle_leaf
                         where global_index >= :from and global_index <= :to
                        """)
                .param("from", from)
                .param("to", to)
                .query(EvidenceLog::leaf)
                .list().stream()
                .collect(java.util.stream.Collectors.toMap(Leaf::globalIndex, l -> l));
    }

    /** The leaves at these places of the store's global order, by place, a few hundred places a statement. */
    public Map<Long, Leaf> leavesAtPlaces(List<Long> globalIndexes) {
        Map<Long, Leaf> leaves = new HashMap<>();
        for (List<Long> chunk : InList.chunks(globalIndexes)) {
            jdbc.sql("select leaf_index, global_index, event_id, event_hash from merkle_leaf where global_index in "
                            + InList.ofNumbers(chunk))
                    .query(EvidenceLog::leaf)
                    .list()
                    .forEach(leaf -> leaves.put(leaf.globalIndex(), leaf));
        }
        return leaves;
    }

    /** The furthest place in the store's global order the log has reached; -1 when empty. */
    public long furthestGlobalIndex() {
        return jdbc.sql("select coalesce(max(global_index), -1) from merkle_leaf").query(Long.class).single();
    }


    /** Events below the log's furthest place that it has not recorded (yet: late commits arrive out of order). */
    public long unloggedBelow(long globalIndex) {
        return jdbc.sql("""
                        select count(*) from domain_event_entry e
                          left join merkle_leaf l on l.global_index = e.global_index
                         where l.global_index is null and e.global_index < :below
                        """)
                .param("below", globalIndex)
                .query(Long.class)
                .single();
    }

    /** Leaves whose event is not in the store at their place (removed, or moved elsewhere). */
    public List<Leaf> orphans() {
        return jdbc.sql("""
                        select l.leaf_index, l.global_index, l.event_id, l.event_hash from merkle_leaf l
                          left join domain_event_entry e on e.global_index = l.global_index
                         where e.global_index is null or e.event_identifier <> l.event_id
                         order by l.leaf_index
                        """)
                .query(EvidenceLog::leaf)
                .list();
    }

    /**
     * The leaf of an event the store holds, found by its place: a leaf whose event is no longer at that place is
     * no evidence for it (and {@link #orphans()} names it).
     */
    public Optional<Leaf> leafOf(String eventId) {
        return jdbc.sql("""
                        select l.leaf_index, l.global_index, l.event_id, l.event_hash
                          from domain_event_entry e join merkle_leaf l on l.global_index = e.global_index
                         where e.event_identifier = :id and l.event_id = e.event_identifier
                        """)
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

    public void store(SignedCheckpoint checkpoint, MerkleFrontier frontier) {
        jdbc.sql("""
                        insert into merkle_checkpoint (tree_size, root_hash, signed_at, key_id, signature, frontier)
                        values (:size, :root, :signedAt, :keyId, :signature, :frontier)
                        """)
                .param("frontier", frontier.toString())
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
