package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.verifier.MerkleProofsTest.leaves;
import static org.consentledger.verifier.MerkleProofsTest.subtrees;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** One proof for many leaves: it holds for exactly the leaves it was made for, in exactly the tree it names. */
class MultiInclusionProofTest {

    @Property(tries = 300)
    void aProofForAnySetOfLeavesVerifies(@ForAll @IntRange(min = 1, max = 300) int size,
                                         @ForAll long seed) {
        List<byte[]> leaves = leaves(size);
        SortedMap<Long, byte[]> chosen = choose(leaves, new Random(seed));
        List<byte[]> proof = build(leaves, chosen);

        assertThat(MultiInclusionProof.verify(chosen, size, proof, MerkleTree.root(leaves))).isTrue();
    }

    @Property(tries = 300)
    void forOneLeafItHoldsTheHashesOfItsInclusionProof(@ForAll @IntRange(min = 1, max = 300) int size,
                                                       @ForAll @IntRange(min = 0, max = 299) int at) {
        int index = at % size;
        List<byte[]> leaves = leaves(size);
        List<byte[]> proof = MultiInclusionProof.build(subtrees(leaves), new long[] {index}, size);

        assertThat(proof).containsExactlyInAnyOrderElementsOf(MerkleTree.inclusionProof(index, leaves));
    }

    @Property(tries = 300)
    void anyChangeToTheLeavesTheProofOrTheTreeFailsIt(@ForAll @IntRange(min = 2, max = 300) int size,
                                                      @ForAll long seed) {
        Random random = new Random(seed);
        List<byte[]> leaves = leaves(size);
        byte[] root = MerkleTree.root(leaves);
        SortedMap<Long, byte[]> chosen = choose(leaves, random);
        List<byte[]> proof = build(leaves, chosen);

        // A leaf hash changed, a leaf left out, a leaf added that the proof was not made for.
        long someLeaf = List.copyOf(chosen.keySet()).get(random.nextInt(chosen.size()));
        SortedMap<Long, byte[]> changed = new TreeMap<>(chosen);
        changed.put(someLeaf, flipped(chosen.get(someLeaf)));
        assertThat(MultiInclusionProof.verify(changed, size, proof, root)).isFalse();
        if (chosen.size() > 1) {
            SortedMap<Long, byte[]> fewer = new TreeMap<>(chosen);
            fewer.remove(someLeaf);
            assertThat(MultiInclusionProof.verify(fewer, size, proof, root)).isFalse();
        }
        if (chosen.size() < size) {
            long other = LongStream.range(0, size).filter(i -> !chosen.containsKey(i)).findFirst().orElseThrow();
            SortedMap<Long, byte[]> more = new TreeMap<>(chosen);
            more.put(other, leaves.get((int) other));
            assertThat(MultiInclusionProof.verify(more, size, proof, root)).isFalse();
        }
        // A hash of the proof changed, one left out, one added.
        if (!proof.isEmpty()) {
            int at = random.nextInt(proof.size());
            List<byte[]> tampered = new ArrayList<>(proof);
            tampered.set(at, flipped(proof.get(at)));
            assertThat(MultiInclusionProof.verify(chosen, size, tampered, root)).isFalse();
            assertThat(MultiInclusionProof.verify(chosen, size, proof.subList(0, proof.size() - 1), root)).isFalse();
        }
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThat(MultiInclusionProof.verify(chosen, size, longer, root)).isFalse();
        // Another root, or a tree of another size with the same leaves at its start.
        assertThat(MultiInclusionProof.verify(chosen, size, proof, flipped(root))).isFalse();
        List<byte[]> bigger = leaves(size + 1);
        assertThat(MultiInclusionProof.verify(chosen, size + 1, proof, MerkleTree.root(bigger))).isFalse();
    }

    @Test
    void neighbouringLeavesShareTheirUpperNodes() {
        int size = 1 << 16;
        List<byte[]> leaves = leaves(size);
        long[] run = LongStream.range(1_000, 3_000).toArray();
        List<byte[]> proof = MultiInclusionProof.build(subtrees(leaves), run, size);

        // Separate proofs would take 16 hashes for each of the 2,000 leaves; the run needs its two edges only.
        assertThat(proof.size()).isLessThanOrEqualTo(2 * 16);
        SortedMap<Long, byte[]> chosen = new TreeMap<>();
        LongStream.of(run).forEach(i -> chosen.put(i, leaves.get((int) i)));
        assertThat(MultiInclusionProof.verify(chosen, size, proof, MerkleTree.root(leaves))).isTrue();
    }

    @Test
    void malformedInputIsRefusedWithoutThrowing() {
        List<byte[]> leaves = leaves(4);
        SortedMap<Long, byte[]> chosen = new TreeMap<>();
        chosen.put(1L, leaves.get(1));
        List<byte[]> proof = build(leaves, chosen);
        byte[] root = MerkleTree.root(leaves);

        assertThat(MultiInclusionProof.verify(chosen, 0, proof, root)).isFalse();
        assertThat(MultiInclusionProof.verify(new TreeMap<>(java.util.Map.of(4L, leaves.get(1))), 4, proof, root))
                .isFalse();
        assertThat(MultiInclusionProof.verify(chosen, 4, List.of(new byte[31], proof.get(1)), root)).isFalse();
        assertThat(MultiInclusionProof.verify(chosen, 4, proof, new byte[3])).isFalse();
        assertThat(MultiInclusionProof.verify(chosen, 4, null, root)).isFalse();
    }

    private static SortedMap<Long, byte[]> choose(List<byte[]> leaves, Random random) {
        SortedMap<Long, byte[]> chosen = new TreeMap<>();
        // From a single leaf to all of them, scattered or in runs.
        double share = random.nextDouble();
        for (int i = 0; i < leaves.size(); i++) {
            if (random.nextDouble() < share) {
                chosen.put((long) i, leaves.get(i));
            }
        }
        if (chosen.isEmpty()) {
            int i = random.nextInt(leaves.size());
            chosen.put((long) i, leaves.get(i));
        }
        return chosen;
    }

    private static List<byte[]> build(List<byte[]> leaves, SortedMap<Long, byte[]> chosen) {
        return MultiInclusionProof.build(subtrees(leaves),
                chosen.keySet().stream().mapToLong(Long::longValue).toArray(), leaves.size());
    }

    private static byte[] flipped(byte[] hash) {
        byte[] copy = hash.clone();
        copy[0] ^= 1;
        return copy;
    }
}
