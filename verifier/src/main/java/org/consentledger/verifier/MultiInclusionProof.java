package org.consentledger.verifier;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One proof that many leaves are in a Merkle log: the hashes of the subtrees of the RFC 9162 recursion that hold
 * none of those leaves, left to right. A visitor's events share the upper nodes of their paths, so this proof holds
 * each of them once where an inclusion proof per leaf repeats them for every leaf (docs/evidence-format.md §6.2).
 */
public final class MultiInclusionProof {

    private MultiInclusionProof() {
    }

    /**
     * The proof for the leaves at {@code indices} (ascending, distinct, each below {@code treeSize}) in the tree of
     * the first {@code treeSize} leaves.
     */
    public static List<byte[]> build(SubtreeHashes tree, long[] indices, long treeSize) {
        if (treeSize < 1) {
            throw new IllegalArgumentException("a tree to prove against has at least one leaf, not " + treeSize);
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= treeSize || (i > 0 && indices[i] <= indices[i - 1])) {
                throw new IllegalArgumentException("leaf indices must ascend, each below the tree size " + treeSize
                        + ": " + indices[i] + " at " + i);
            }
        }
        List<byte[]> proof = new ArrayList<>();
        collect(tree, indices, 0, indices.length, 0, treeSize, proof);
        return Collections.unmodifiableList(proof);
    }

    /**
     * Checks that {@code proof} shows each of {@code leafHashes} (leaf hashes by leaf index) in the tree of
     * {@code treeSize} leaves whose head is {@code root}. Returns false, never throws, for anything malformed: an
     * index out of range, a hash of the wrong length, a proof with a hash missing or left over.
     */
    public static boolean verify(SortedMap<Long, byte[]> leafHashes, long treeSize, List<byte[]> proof, byte[] root) {
        if (treeSize < 1 || proof == null || root == null || root.length != MerkleTree.HASH_LENGTH) {
            return false;
        }
        long[] indices = new long[leafHashes.size()];
        byte[][] hashes = new byte[leafHashes.size()][];
        int i = 0;
        for (Map.Entry<Long, byte[]> leaf : leafHashes.entrySet()) {
            if (leaf.getKey() < 0 || leaf.getKey() >= treeSize || leaf.getValue() == null
                    || leaf.getValue().length != MerkleTree.HASH_LENGTH) {
                return false;
            }
            indices[i] = leaf.getKey();
            hashes[i++] = leaf.getValue();
        }
        for (byte[] hash : proof) {
            if (hash == null || hash.length != MerkleTree.HASH_LENGTH) {
                return false;
            }
        }
        int[] taken = {0};
        byte[] head = rebuild(indices, hashes, 0, indices.length, 0, treeSize, proof, taken);
        return head != null && taken[0] == proof.size() && MessageDigest.isEqual(head, root);
    }

    private static void collect(SubtreeHashes tree, long[] indices, int first, int end, long from, long to,
                                List<byte[]> proof) {
        if (first == end) {
            proof.add(MerkleProofs.rangeHash(tree, from, to));
            return;
        }
        if (to - from == 1) {
            return;
        }
        long split = from + MerkleProofs.split(to - from);
        int middle = firstAtOrAbove(indices, first, end, split);
        collect(tree, indices, first, middle, from, split, proof);
        collect(tree, indices, middle, end, split, to, proof);
    }

    /** MTH of leaves {@code from} to {@code to - 1}, or null when the proof runs out of hashes. */
    private static byte[] rebuild(long[] indices, byte[][] hashes, int first, int end, long from, long to,
                                  List<byte[]> proof, int[] taken) {
        if (first == end) {
            return taken[0] < proof.size() ? proof.get(taken[0]++) : null;
        }
        if (to - from == 1) {
            return hashes[first];
        }
        long split = from + MerkleProofs.split(to - from);
        int middle = firstAtOrAbove(indices, first, end, split);
        byte[] left = rebuild(indices, hashes, first, middle, from, split, proof, taken);
        byte[] right = left == null ? null : rebuild(indices, hashes, middle, end, split, to, proof, taken);
        return right == null ? null : MerkleTree.nodeHash(left, right);
    }

    /** The position of the first of {@code indices[first..end)} at or above {@code value}. */
    private static int firstAtOrAbove(long[] indices, int first, int end, long value) {
        int low = first;
        int high = end;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (indices[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
