package org.consentledger.verifier;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * RFC 9162 inclusion and consistency proofs, and tree heads, taken from a log's perfect-subtree hashes
 * ({@link SubtreeHashes}) rather than from every leaf: every range the RFC's recursion asks the hash of starts at a
 * multiple of the largest power of two it holds, so it is a few perfect subtrees, one per set bit of its size.
 * Gives exactly what {@link MerkleTree} gives from the leaves.
 */
public final class MerkleProofs {

    private MerkleProofs() {
    }

    /** MTH of the tree of the first {@code treeSize} leaves ({@code treeSize >= 1}). */
    public static byte[] root(SubtreeHashes tree, long treeSize) {
        requireSize(treeSize);
        return rangeHash(tree, 0, treeSize);
    }

    /** PATH(index, D[treeSize]) of RFC 9162 §2.1.3.1, nearest the leaf first. */
    public static List<byte[]> inclusionProof(SubtreeHashes tree, long index, long treeSize) {
        requireSize(treeSize);
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " is not a leaf of a tree of size " + treeSize);
        }
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, treeSize, proof);
        return Collections.unmodifiableList(proof);
    }

    /** PROOF(oldSize, D[newSize]) of RFC 9162 §2.1.4.1 ({@code 1 <= oldSize <= newSize}). */
    public static List<byte[]> consistencyProof(SubtreeHashes tree, long oldSize, long newSize) {
        if (oldSize < 1 || oldSize > newSize) {
            throw new IllegalArgumentException("old size " + oldSize + " must be between 1 and the tree size "
                    + newSize);
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(tree, oldSize, 0, newSize, true, proof);
        return Collections.unmodifiableList(proof);
    }

    /** MTH of leaves {@code from} to {@code to - 1}, a range the RFC's recursion produces. */
    static byte[] rangeHash(SubtreeHashes tree, long from, long to) {
        long size = to - from;
        if (Long.bitCount(size) == 1 && from % size == 0) {
            return tree.node(Long.numberOfTrailingZeros(size), from / size);
        }
        long k = split(size);
        return MerkleTree.nodeHash(rangeHash(tree, from, from + k), rangeHash(tree, from + k, to));
    }

    private static void path(SubtreeHashes tree, long m, long from, long to, List<byte[]> proof) {
        long n = to - from;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < from + k) {
            path(tree, m, from, from + k, proof);
            proof.add(rangeHash(tree, from + k, to));
        } else {
            path(tree, m, from + k, to, proof);
            proof.add(rangeHash(tree, from, from + k));
        }
    }

    private static void subproof(SubtreeHashes tree, long m, long from, long to, boolean complete,
                                 List<byte[]> proof) {
        long n = to - from;
        if (m == n) {
            if (!complete) {
                proof.add(rangeHash(tree, from, to));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(tree, m, from, from + k, complete, proof);
            proof.add(rangeHash(tree, from + k, to));
        } else {
            subproof(tree, m - k, from + k, to, false, proof);
            proof.add(rangeHash(tree, from, from + k));
        }
    }

    /** The largest power of two smaller than n, for n >= 2: where RFC 9162's recursion splits n leaves. */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireSize(long treeSize) {
        if (treeSize < 1) {
            throw new IllegalArgumentException("a tree to prove against has at least one leaf, not " + treeSize);
        }
    }
}
