package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Proofs from perfect-subtree hashes are the proofs RFC 9162 defines from the leaves, for every shape of tree. */
class MerkleProofsTest {

    @Property(tries = 300)
    void inclusionProofsAreThoseOfTheLeaves(@ForAll @IntRange(min = 1, max = 300) int size,
                                            @ForAll @IntRange(min = 0, max = 299) int at) {
        int index = at % size;
        List<byte[]> leaves = leaves(size);
        assertThat(MerkleProofs.inclusionProof(subtrees(leaves), index, size))
                .containsExactlyElementsOf(MerkleTree.inclusionProof(index, leaves));
        assertThat(MerkleProofs.root(subtrees(leaves), size)).isEqualTo(MerkleTree.root(leaves));
    }

    @Property(tries = 300)
    void consistencyProofsAreThoseOfTheLeaves(@ForAll @IntRange(min = 1, max = 300) int size,
                                              @ForAll @IntRange(min = 1, max = 300) int old) {
        int oldSize = 1 + (old - 1) % size;
        List<byte[]> leaves = leaves(size);
        assertThat(MerkleProofs.consistencyProof(subtrees(leaves), oldSize, size))
                .containsExactlyElementsOf(MerkleTree.consistencyProof(oldSize, leaves));
    }

    @Property(tries = 50)
    void aProofAsksOnlyForSubtreesWhoseLeavesAllExist(@ForAll @IntRange(min = 1, max = 1_000) int size) {
        List<byte[]> leaves = leaves(size);
        List<String> asked = new ArrayList<>();
        SubtreeHashes counting = (level, index) -> {
            assertThat((index + 1) << level).isLessThanOrEqualTo(size);
            asked.add(level + "/" + index);
            return subtrees(leaves).node(level, index);
        };
        MerkleProofs.inclusionProof(counting, size - 1, size);
        // One subtree per sibling on the path: logarithmic, not linear, in the size of the log.
        assertThat(asked.size()).isLessThanOrEqualTo(2 * (64 - Long.numberOfLeadingZeros(size)));
    }

    @Property(tries = 50)
    void theFrontierNamesEachSubtreeItCompletesWithItsHash(@ForAll @IntRange(min = 1, max = 600) int size) {
        List<byte[]> leaves = leaves(size);
        MerkleFrontier frontier = MerkleFrontier.empty();
        List<String> completed = new ArrayList<>();
        for (byte[] leaf : leaves) {
            frontier.append(leaf, (level, index, hash) -> {
                assertThat(hash).isEqualTo(subtrees(leaves).node(level, index));
                completed.add(level + "/" + index);
            });
        }
        // Every perfect subtree of level 1 and up, once: one fewer than the leaves of each complete block.
        long expected = 0;
        for (int level = 1; (1L << level) <= size; level++) {
            expected += size >> level;
        }
        assertThat(completed).hasSize((int) expected).doesNotHaveDuplicates();
    }

    static List<byte[]> leaves(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleTree.leafHash(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return leaves;
    }

    /** Every perfect subtree, computed from the leaves the slow way. */
    static SubtreeHashes subtrees(List<byte[]> leaves) {
        return (level, index) -> {
            int from = (int) (index << level);
            return MerkleTree.root(leaves.subList(from, from + (1 << level)));
        };
    }
}
