package org.consentledger.verifier;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The roots of the perfect subtrees that make up an RFC 9162 tree of {@code size} leaves, largest first (one per set
 * bit of the size). Appending a leaf and taking the root cost O(log n), so a log of millions of leaves is
 * checkpointed without reading all of them again.
 */
public final class MerkleFrontier {

    private final List<byte[]> roots;
    private long size;

    private MerkleFrontier(long size, List<byte[]> roots) {
        this.size = size;
        this.roots = roots;
    }

    public static MerkleFrontier empty() {
        return new MerkleFrontier(0, new ArrayList<>());
    }

    /** The frontier as {@link #toString()} wrote it, for a tree of {@code size} leaves. */
    public static MerkleFrontier parse(long size, String hexRoots) {
        List<byte[]> roots = new ArrayList<>();
        if (!hexRoots.isEmpty()) {
            for (String hex : hexRoots.split(",")) {
                roots.add(HexFormat.of().parseHex(hex));
            }
        }
        if (roots.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of %d leaves has %d subtree roots, not %d"
                    .formatted(size, Long.bitCount(size), roots.size()));
        }
        return new MerkleFrontier(size, roots);
    }

    public long size() {
        return size;
    }

    /** Told of each perfect subtree as the leaf that completes it is appended. */
    @FunctionalInterface
    public interface Completed {
        /** Node {@code (level, index)} of {@link SubtreeHashes}, level 1 and up. */
        void subtree(int level, long index, byte[] hash);
    }

    /** Adds the next leaf, given as its leaf hash ({@link MerkleTree#leafHash}). */
    public void append(byte[] leafHash) {
        append(leafHash, (level, index, hash) -> { });
    }

    /** Adds the next leaf, telling {@code completed} of every perfect subtree it completes. */
    public void append(byte[] leafHash, Completed completed) {
        roots.add(leafHash);
        // Like a binary counter's carry: two equal perfect subtrees merge into one twice their size.
        int level = 0;
        for (long carried = size; (carried & 1) == 1; carried >>= 1) {
            byte[] right = roots.remove(roots.size() - 1);
            byte[] left = roots.remove(roots.size() - 1);
            byte[] merged = MerkleTree.nodeHash(left, right);
            roots.add(merged);
            level++;
            completed.subtree(level, size >> level, merged);
        }
        size++;
    }

    /** The tree head: the subtree roots folded from the right, which is how RFC 9162 splits a tree. */
    public byte[] root() {
        if (roots.isEmpty()) {
            return MerkleTree.root(List.of());
        }
        byte[] root = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(roots.get(i), root);
        }
        return root;
    }

    /** The subtree roots in hex, comma-separated, largest first. */
    @Override
    public String toString() {
        return String.join(",", roots.stream().map(HexFormat.of()::formatHex).toList());
    }
}
