package org.consentledger.ledger.evidence;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.consentledger.store.evidence.EvidenceLog;
import org.consentledger.verifier.MerkleFrontier;
import org.consentledger.verifier.MerkleTree;
import org.consentledger.verifier.SubtreeHashes;

/**
 * The Merkle log's perfect subtrees as one request sees them: leaves and stored tile nodes read a block of 256 at a
 * time and kept for the request, any other node computed from the stored level below it and kept too. Many proofs
 * against one tree (an evidence bundle's) share their upper nodes, so the cost grows with the proofs, not the log.
 */
final class TiledTree implements SubtreeHashes {

    /** Levels between stored nodes; a block of stored nodes or leaves is {@code 2^HEIGHT} of them. */
    static final int HEIGHT = 8;
    private static final int BLOCK = 1 << HEIGHT;

    private final EvidenceLog log;
    private final Map<Long, byte[][]> leafBlocks = new HashMap<>();
    private final Map<Long, Map<Long, byte[]>> storedBlocks = new HashMap<>();
    private final Map<Long, byte[]> computed = new HashMap<>();

    TiledTree(EvidenceLog log) {
        this.log = log;
    }

    /** Whether nodes of this level are stored. */
    static boolean stored(int level) {
        return level > 0 && level % HEIGHT == 0;
    }

    /** How many stored subtrees a log of {@code size} leaves has. */
    static long storedNodesOf(long size) {
        long nodes = 0;
        for (int level = HEIGHT; level < 63 && (size >> level) > 0; level += HEIGHT) {
            nodes += size >> level;
        }
        return nodes;
    }

    /** Collects, of the subtrees a frontier completes, those of the stored levels. */
    static MerkleFrontier.Completed collector(List<EvidenceLog.Node> into) {
        return (level, index, hash) -> {
            if (stored(level)) {
                into.add(new EvidenceLog.Node(level, index, HexFormat.of().formatHex(hash)));
            }
        };
    }

    @Override
    public byte[] node(int level, long index) {
        if (level == 0) {
            return leaf(index);
        }
        if (stored(level)) {
            byte[] hash = storedBlocks.computeIfAbsent(key(level, index / BLOCK),
                    block -> log.tileNodes(level, index / BLOCK * BLOCK, index / BLOCK * BLOCK + BLOCK)).get(index);
            if (hash != null) {
                return hash;
            }
        }
        long key = key(level, index);
        byte[] known = computed.get(key);
        if (known == null) {
            known = MerkleTree.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
            computed.put(key, known);
        }
        return known;
    }

    private byte[] leaf(long index) {
        byte[][] block = leafBlocks.computeIfAbsent(index / BLOCK, b -> {
            List<EvidenceLog.Leaf> leaves = log.leaves(b * BLOCK, b * BLOCK + BLOCK);
            byte[][] hashes = new byte[BLOCK][];
            leaves.forEach(leaf -> hashes[(int) (leaf.leafIndex() % BLOCK)] = leaf.leafHash());
            return hashes;
        });
        byte[] hash = block[(int) (index % BLOCK)];
        if (hash == null) {
            throw new IllegalStateException("the evidence log has no leaf " + index);
        }
        return hash;
    }

    /** Levels fit in 6 bits and indexes below 2^58 in the rest. */
    private static long key(int level, long index) {
        return ((long) level << 58) | index;
    }
}
