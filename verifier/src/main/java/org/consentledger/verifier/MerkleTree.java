package org.consentledger.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle tree of RFC 9162 §2.1 (the same as RFC 6962 §2.1) with SHA-256: tree heads,
 * inclusion proofs and consistency proofs, and their verification.
 *
 * <p>Definitions, for a list of n entries D[n] = {d(0), ..., d(n-1)}:
 * <pre>
 *   leaf hash  = SHA-256(0x00 || entry)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH({})    = SHA-256()                         the empty string
 *   MTH({d0})  = leaf hash of d0
 *   MTH(D[n])  = node hash(MTH(D[0:k]), MTH(D[k:n]))   k = the largest power of two &lt; n
 * </pre>
 * The different prefixes for leaves and nodes keep a leaf from passing for an inner node and the
 * other way round (second-preimage attacks on the tree).
 *
 * <p>The tree-building methods take the leaves already leaf-hashed, as the ledger stores them, and
 * throw {@link IllegalArgumentException} on bad input. The verification methods are what an
 * auditor runs on data it received: they answer {@code false} for any input that does not prove
 * the claim, malformed or null input included, and never throw.
 */
public final class MerkleTree {

    /** Length in bytes of every hash in the tree. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleTree() {
    }

    /** SHA-256(0x00 || entry): the hash of a leaf holding {@code entry}. */
    public static byte[] leafHash(byte[] entry) {
        Objects.requireNonNull(entry, "entry");
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(entry);
        return sha256.digest();
    }

    /** SHA-256(0x01 || left || right): the hash of an inner node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        requireHash(left, "left");
        requireHash(right, "right");
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The Merkle Tree Hash of the tree with these leaf hashes; SHA-256 of nothing when empty. */
    public static byte[] root(List<byte[]> leafHashes) {
        requireHashes(leafHashes);
        return leafHashes.isEmpty() ? sha256().digest() : mth(leafHashes);
    }

    /**
     * PATH(index, D[n]) of RFC 9162 §2.1.3.1: the sibling hashes from leaf {@code index} up to the
     * root of the tree of all given leaves, nearest the leaf first. Empty for a one-leaf tree.
     *
     * @throws IllegalArgumentException unless 0 &lt;= index &lt; number of leaves
     */
    public static List<byte[]> inclusionProof(int index, List<byte[]> leafHashes) {
        requireHashes(leafHashes);
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException(
                    "index " + index + " is not a leaf of a tree of size " + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, leafHashes, proof);
        return Collections.unmodifiableList(proof);
    }

    /**
     * PROOF(oldSize, D[n]) of RFC 9162 §2.1.4.1: the hashes that show the tree of the first
     * {@code oldSize} leaves is a prefix of the tree of all given leaves. Empty when
     * {@code oldSize} is the number of leaves.
     *
     * <p>{@code oldSize} 0 is refused: every tree extends the empty tree, so there is nothing to
     * prove, and the RFC does not define a proof for it.
     *
     * @throws IllegalArgumentException unless 1 &lt;= oldSize &lt;= number of leaves
     */
    public static List<byte[]> consistencyProof(int oldSize, List<byte[]> leafHashes) {
        requireHashes(leafHashes);
        if (oldSize < 1 || oldSize > leafHashes.size()) {
            throw new IllegalArgumentException("old size " + oldSize + " must be between 1 and the tree size "
                    + leafHashes.size());
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(oldSize, leafHashes, true, proof);
        return Collections.unmodifiableList(proof);
    }

    /**
     * Checks that {@code proof} shows {@code leafHash} at {@code index} in the tree of
     * {@code treeSize} leaves whose head is {@code root}, by the algorithm of RFC 9162 §2.1.3.2.
     * Returns false, never throws, for anything malformed (index out of range, null or wrong-length
     * hashes, a proof too short or too long).
     */
    public static boolean verifyInclusion(long index, long treeSize, byte[] leafHash, List<byte[]> proof,
            byte[] root) {
        if (index < 0 || index >= treeSize || !isHash(leafHash) || !isHash(root) || !areHashes(proof)) {
            return false;
        }
        // fn walks up from the leaf, sn from the last leaf; they meet at the root when sn reaches 0.
        long fn = index;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                // The node is the last of its level with no right sibling: it moves up unchanged
                // until it becomes a right child (or the root of the left part).
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * Checks that {@code proof} shows the tree of {@code oldSize} leaves with head {@code oldRoot}
     * is a prefix of the tree of {@code newSize} leaves with head {@code newRoot}, by the algorithm
     * of RFC 9162 §2.1.4.2. Equal sizes verify exactly when the proof is empty and the roots are
     * equal. Returns false, never throws, for anything malformed (oldSize &lt; 1, oldSize &gt;
     * newSize, null or wrong-length hashes, a proof too short or too long).
     */
    public static boolean verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
            List<byte[]> proof) {
        if (oldSize < 1 || oldSize > newSize || !isHash(oldRoot) || !isHash(newRoot) || !areHashes(proof)) {
            return false;
        }
        if (oldSize == newSize) {
            return proof.isEmpty() && MessageDigest.isEqual(oldRoot, newRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = proof;
        // A complete old tree is itself a node of the new tree, so the proof leaves it out and the
        // verifier starts from the old root.
        if ((oldSize & (oldSize - 1)) == 0) {
            path = new ArrayList<>(proof.size() + 1);
            path.add(oldRoot);
            path.addAll(proof);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        // Skip the levels where the old tree's last node is a right child: its whole subtree is
        // covered by the first proof element.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // fr rebuilds the old root, sr the new root, from the same starting node.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                // A node to the right of the old tree: part of the new tree only.
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, oldRoot) && MessageDigest.isEqual(sr, newRoot);
    }

    private static byte[] mth(List<byte[]> leaves) {
        int n = leaves.size();
        if (n == 1) {
            return leaves.get(0).clone();
        }
        int k = split(n);
        return nodeHash(mth(leaves.subList(0, k)), mth(leaves.subList(k, n)));
    }

    private static void path(int m, List<byte[]> leaves, List<byte[]> proof) {
        int n = leaves.size();
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, leaves.subList(0, k), proof);
            proof.add(mth(leaves.subList(k, n)));
        } else {
            path(m - k, leaves.subList(k, n), proof);
            proof.add(mth(leaves.subList(0, k)));
        }
    }

    // 'complete' is true while the subtree in hand is the old tree itself (whose root the verifier
    // already has), false once it is only part of it and its hash must be sent.
    private static void subproof(int m, List<byte[]> leaves, boolean complete, List<byte[]> proof) {
        int n = leaves.size();
        if (m == n) {
            if (!complete) {
                proof.add(mth(leaves));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, leaves.subList(0, k), complete, proof);
            proof.add(mth(leaves.subList(k, n)));
        } else {
            subproof(m - k, leaves.subList(k, n), false, proof);
            proof.add(mth(leaves.subList(0, k)));
        }
    }

    /** The largest power of two smaller than n, for n >= 2. */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static boolean isHash(byte[] hash) {
        return hash != null && hash.length == HASH_LENGTH;
    }

    private static boolean areHashes(List<byte[]> hashes) {
        if (hashes == null) {
            return false;
        }
        for (byte[] hash : hashes) {
            if (!isHash(hash)) {
                return false;
            }
        }
        return true;
    }

    private static void requireHash(byte[] hash, String name) {
        Objects.requireNonNull(hash, name);
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException(name + " must be " + HASH_LENGTH + " bytes, was " + hash.length);
        }
    }

    private static void requireHashes(List<byte[]> hashes) {
        Objects.requireNonNull(hashes, "leafHashes");
        for (int i = 0; i < hashes.size(); i++) {
            requireHash(hashes.get(i), "leaf hash " + i);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
