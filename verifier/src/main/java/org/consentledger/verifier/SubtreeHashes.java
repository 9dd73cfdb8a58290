package org.consentledger.verifier;

/**
 * The hashes of a Merkle log's perfect subtrees: node {@code (level, index)} is the root of the subtree over leaves
 * {@code index * 2^level} to {@code (index + 1) * 2^level - 1}; level 0 holds the leaf hashes. A log that keeps some
 * of these (tiles) proves a leaf with O(log n) of them instead of rehashing every leaf.
 */
@FunctionalInterface
public interface SubtreeHashes {

    /** The root of a perfect subtree whose leaves all exist. */
    byte[] node(int level, long index);
}
