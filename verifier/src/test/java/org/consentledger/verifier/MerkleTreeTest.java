package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final int MAX_SIZE = 64;

    private static List<byte[]> entries;
    private static List<byte[]> leaves;
    private static byte[][] roots;

    @BeforeAll
    static void buildLeaves() {
        entries = new ArrayList<>();
        leaves = new ArrayList<>();
        for (int i = 0; i < MAX_SIZE; i++) {
            byte[] entry = ("event-" + i).getBytes(StandardCharsets.US_ASCII);
            entries.add(entry);
            leaves.add(MerkleTree.leafHash(entry));
        }
        roots = new byte[MAX_SIZE + 1][];
        for (int n = 0; n <= MAX_SIZE; n++) {
            roots[n] = MerkleTree.root(leaves.subList(0, n));
        }
    }

    // ---- an independent rendering of RFC 9162 §2.1.1, on raw entries ----

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] leaf(byte[] entry) {
        return sha256(new byte[] {0}, entry);
    }

    private static byte[] node(byte[] left, byte[] right) {
        return sha256(new byte[] {1}, left, right);
    }

    private static byte[] naiveMth(List<byte[]> data) {
        int n = data.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return leaf(data.get(0));
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return node(naiveMth(data.subList(0, k)), naiveMth(data.subList(k, n)));
    }

    /** For each level from the leaf up: is the sibling on the right? (Shape of PATH(i, D[n]).) */
    private static List<Boolean> siblingOnRight(int i, int n) {
        if (n == 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(n - 1);
        List<Boolean> below = i < k ? siblingOnRight(i, k) : siblingOnRight(i - k, n - k);
        below.add(i < k);
        return below;
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    private static byte[] flipBit(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> withElement(List<byte[]> proof, int index, byte[] replacement) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(index, replacement);
        return copy;
    }

    private static List<byte[]> hexes(String... hex) {
        List<byte[]> out = new ArrayList<>();
        for (String h : hex) {
            out.add(EventHash.fromHex(h));
        }
        return out;
    }

    @Nested
    class Hashing {

        @Test
        void leafAndNodeHashesUseTheirDomainPrefixes() {
            byte[] entry = "entry".getBytes(StandardCharsets.US_ASCII);
            byte[] a = sha256("a".getBytes(StandardCharsets.US_ASCII));
            byte[] b = sha256("b".getBytes(StandardCharsets.US_ASCII));

            assertThat(MerkleTree.leafHash(entry)).isEqualTo(sha256(new byte[] {0x00}, entry));
            assertThat(MerkleTree.leafHash(new byte[0]))
                    .isEqualTo(EventHash.fromHex("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
            assertThat(MerkleTree.nodeHash(a, b)).isEqualTo(sha256(new byte[] {0x01}, a, b));
            assertThat(MerkleTree.nodeHash(a, b)).isNotEqualTo(MerkleTree.nodeHash(b, a));
        }

        @Test
        void nodeHashTakesOnlyHashes() {
            assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[31], new byte[32]))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.nodeHash(new byte[32], new byte[33]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Roots {

        @Test
        void emptyTreeIsTheHashOfNothing() {
            assertThat(MerkleTree.root(List.of())).isEqualTo(
                    EventHash.fromHex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        }

        @Test
        void smallTreesByHand() {
            byte[] l0 = leaf(entries.get(0));
            byte[] l1 = leaf(entries.get(1));
            byte[] l2 = leaf(entries.get(2));
            byte[] l3 = leaf(entries.get(3));
            byte[] l4 = leaf(entries.get(4));
            byte[] l5 = leaf(entries.get(5));
            byte[] l6 = leaf(entries.get(6));

            assertThat(roots[1]).isEqualTo(l0);
            assertThat(roots[2]).isEqualTo(node(l0, l1));
            assertThat(roots[3]).isEqualTo(node(node(l0, l1), l2));
            assertThat(roots[7]).isEqualTo(node(node(node(l0, l1), node(l2, l3)), node(node(l4, l5), l6)));
        }

        @Test
        void everySizeMatchesTheNaiveDefinition() {
            for (int n = 0; n <= MAX_SIZE; n++) {
                assertThat(roots[n]).as("size %d", n).isEqualTo(naiveMth(entries.subList(0, n)));
            }
        }

        @Test
        void certificateTransparencyTestVectors() {
            List<byte[]> ctLeaves = new ArrayList<>();
            for (String entry : new String[] {"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                    "606162636465666768696a6b6c6d6e6f"}) {
                ctLeaves.add(MerkleTree.leafHash(EventHash.fromHex(entry)));
            }
            String[] ctRoots = {
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
            for (int n = 1; n <= 8; n++) {
                assertThat(EventHash.toHex(MerkleTree.root(ctLeaves.subList(0, n)))).as("size %d", n)
                        .isEqualTo(ctRoots[n - 1]);
            }

            assertThat(MerkleTree.inclusionProof(0, ctLeaves))
                    .containsExactlyElementsOf(hexes(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
            assertThat(MerkleTree.inclusionProof(5, ctLeaves))
                    .containsExactlyElementsOf(hexes(
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
            assertThat(MerkleTree.consistencyProof(1, ctLeaves))
                    .containsExactlyElementsOf(hexes(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"));
            assertThat(MerkleTree.consistencyProof(6, ctLeaves))
                    .containsExactlyElementsOf(hexes(
                            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"));
            assertThat(MerkleTree.consistencyProof(2, ctLeaves.subList(0, 5)))
                    .containsExactlyElementsOf(hexes(
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"));
        }

        @Test
        void refusesLeavesThatAreNotHashes() {
            List<byte[]> bad = new ArrayList<>(leaves.subList(0, 3));
            bad.set(1, new byte[31]);
            assertThatThrownBy(() -> MerkleTree.root(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.inclusionProof(0, bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.consistencyProof(1, bad)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void doesNotHandOutItsInput() {
            byte[] only = leaves.get(0).clone();
            byte[] root = MerkleTree.root(List.of(only));
            root[0] ^= 1;
            assertThat(only).isEqualTo(leaves.get(0));
        }
    }

    @Nested
    class Inclusion {

        @Test
        void smallTreesByHand() {
            byte[] l0 = leaves.get(0);
            byte[] l1 = leaves.get(1);
            byte[] l2 = leaves.get(2);
            byte[] l3 = leaves.get(3);
            byte[] l4 = leaves.get(4);
            byte[] l5 = leaves.get(5);
            byte[] l6 = leaves.get(6);

            assertThat(MerkleTree.inclusionProof(0, leaves.subList(0, 1))).isEmpty();
            assertThat(MerkleTree.inclusionProof(1, leaves.subList(0, 2))).containsExactly(l0);
            assertThat(MerkleTree.inclusionProof(2, leaves.subList(0, 3))).containsExactly(node(l0, l1));
            assertThat(MerkleTree.inclusionProof(0, leaves.subList(0, 3))).containsExactly(l1, l2);
            assertThat(MerkleTree.inclusionProof(3, leaves.subList(0, 7)))
                    .containsExactly(l2, node(l0, l1), node(node(l4, l5), l6));
            assertThat(MerkleTree.inclusionProof(6, leaves.subList(0, 7)))
                    .containsExactly(node(l4, l5), node(node(l0, l1), node(l2, l3)));
        }

        @Test
        void everyLeafOfEveryTreeVerifies() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    List<byte[]> proof = MerkleTree.inclusionProof(i, leaves.subList(0, n));
                    assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof, roots[n]))
                            .as("leaf %d of %d", i, n).isTrue();
                }
            }
        }

        @Test
        void proofLengthIsTheDepthOfTheLeaf() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    int length = MerkleTree.inclusionProof(i, leaves.subList(0, n)).size();
                    assertThat(length).as("leaf %d of %d", i, n).isEqualTo(siblingOnRight(i, n).size())
                            .isLessThanOrEqualTo(ceilLog2(n));
                    if (Integer.bitCount(n) == 1 || i == 0) {
                        assertThat(length).as("leaf %d of %d", i, n).isEqualTo(ceilLog2(n));
                    }
                }
            }
            // The last leaf of an unbalanced tree hangs high up.
            assertThat(MerkleTree.inclusionProof(4, leaves.subList(0, 5))).hasSize(1);
            assertThat(MerkleTree.inclusionProof(6, leaves.subList(0, 7))).hasSize(2);
            assertThat(MerkleTree.inclusionProof(63, leaves.subList(0, 64))).hasSize(6);
        }

        @Test
        void anyFlippedBitFails() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    List<byte[]> proof = MerkleTree.inclusionProof(i, leaves.subList(0, n));
                    int bit = (n * 31 + i * 7) % 256;
                    for (int e = 0; e < proof.size(); e++) {
                        assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i),
                                withElement(proof, e, flipBit(proof.get(e), bit)), roots[n]))
                                .as("leaf %d of %d, element %d", i, n, e).isFalse();
                    }
                    assertThat(MerkleTree.verifyInclusion(i, n, flipBit(leaves.get(i), bit), proof, roots[n]))
                            .isFalse();
                    assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof, flipBit(roots[n], bit)))
                            .isFalse();
                }
            }
        }

        @Test
        void truncatedOrExtendedProofsFail() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    List<byte[]> proof = MerkleTree.inclusionProof(i, leaves.subList(0, n));
                    if (!proof.isEmpty()) {
                        assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), proof.subList(1, proof.size()),
                                roots[n])).isFalse();
                        assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i),
                                proof.subList(0, proof.size() - 1), roots[n])).isFalse();
                    }
                    List<byte[]> longer = new ArrayList<>(proof);
                    longer.add(roots[n]);
                    assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), longer, roots[n])).isFalse();
                    // An extra level on top would prove inclusion in some bigger tree, not in this one.
                    assertThat(MerkleTree.verifyInclusion(i, n, leaves.get(i), longer,
                            node(roots[n], roots[n]))).isFalse();
                }
            }
        }

        @Test
        void anotherIndexFails() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    List<byte[]> proof = MerkleTree.inclusionProof(i, leaves.subList(0, n));
                    for (int other = 0; other < n; other++) {
                        if (other != i) {
                            assertThat(MerkleTree.verifyInclusion(other, n, leaves.get(i), proof, roots[n]))
                                    .as("leaf %d of %d claimed at %d", i, n, other).isFalse();
                            assertThat(MerkleTree.verifyInclusion(other, n, leaves.get(other), proof, roots[n]))
                                    .isFalse();
                        }
                    }
                }
            }
        }

        @Test
        void anotherSizeFailsUnlessItGivesTheLeafTheSamePlaceInTheTree() {
            // The size only tells the verifier where the siblings sit; a size that puts them in the
            // same places leads to the same root, which is why a root is always signed with its size.
            int mismatches = 0;
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int i = 0; i < n; i++) {
                    List<byte[]> proof = MerkleTree.inclusionProof(i, leaves.subList(0, n));
                    List<Boolean> shape = siblingOnRight(i, n);
                    for (int other = i + 1; other <= MAX_SIZE + 1; other++) {
                        if (other == n) {
                            continue;
                        }
                        boolean sameShape = siblingOnRight(i, other).equals(shape);
                        mismatches += sameShape ? 0 : 1;
                        assertThat(MerkleTree.verifyInclusion(i, other, leaves.get(i), proof, roots[n]))
                                .as("leaf %d of %d claimed in size %d", i, n, other).isEqualTo(sameShape);
                    }
                }
            }
            assertThat(mismatches).isGreaterThan(10_000);
        }

        @Test
        void generationRefusesIndicesOutsideTheTree() {
            assertThatThrownBy(() -> MerkleTree.inclusionProof(-1, leaves.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.inclusionProof(3, leaves.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.inclusionProof(0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void verificationRefusesIndicesOutsideTheTree() {
            List<byte[]> proof = MerkleTree.inclusionProof(2, leaves.subList(0, 3));
            assertThat(MerkleTree.verifyInclusion(3, 3, leaves.get(2), proof, roots[3])).isFalse();
            assertThat(MerkleTree.verifyInclusion(-1, 3, leaves.get(2), proof, roots[3])).isFalse();
            assertThat(MerkleTree.verifyInclusion(0, 0, leaves.get(0), List.of(), roots[0])).isFalse();
            assertThat(MerkleTree.verifyInclusion(0, -1, leaves.get(0), List.of(), roots[1])).isFalse();
        }
    }

    @Nested
    class Consistency {

        @Test
        void smallTreesByHand() {
            byte[] l0 = leaves.get(0);
            byte[] l1 = leaves.get(1);
            byte[] l2 = leaves.get(2);
            byte[] l3 = leaves.get(3);
            byte[] l4 = leaves.get(4);
            byte[] l5 = leaves.get(5);
            byte[] l6 = leaves.get(6);
            List<byte[]> seven = leaves.subList(0, 7);

            assertThat(MerkleTree.consistencyProof(7, seven)).isEmpty();
            assertThat(MerkleTree.consistencyProof(1, leaves.subList(0, 2))).containsExactly(l1);
            assertThat(MerkleTree.consistencyProof(2, leaves.subList(0, 3))).containsExactly(l2);
            assertThat(MerkleTree.consistencyProof(1, leaves.subList(0, 3))).containsExactly(l1, l2);
            assertThat(MerkleTree.consistencyProof(3, seven))
                    .containsExactly(l2, l3, node(l0, l1), node(node(l4, l5), l6));
            assertThat(MerkleTree.consistencyProof(4, seven)).containsExactly(node(node(l4, l5), l6));
            assertThat(MerkleTree.consistencyProof(6, seven))
                    .containsExactly(node(l4, l5), l6, node(node(l0, l1), node(l2, l3)));
        }

        @Test
        void everyPairOfSizesVerifies() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int m = 1; m <= n; m++) {
                    List<byte[]> proof = MerkleTree.consistencyProof(m, leaves.subList(0, n));
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n], proof))
                            .as("%d -> %d", m, n).isTrue();
                }
            }
        }

        @Test
        void proofLengths() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                for (int m = 1; m <= n; m++) {
                    int length = MerkleTree.consistencyProof(m, leaves.subList(0, n)).size();
                    if (m == n) {
                        assertThat(length).isZero();
                    } else {
                        assertThat(length).as("%d -> %d", m, n).isBetween(1, ceilLog2(n) + 1);
                    }
                }
            }
            // A complete old tree is a node of the new one: one hash per level above it.
            assertThat(MerkleTree.consistencyProof(4, leaves.subList(0, 8))).hasSize(1);
            assertThat(MerkleTree.consistencyProof(32, leaves.subList(0, 64))).hasSize(1);
            assertThat(MerkleTree.consistencyProof(1, leaves.subList(0, 64))).hasSize(6);
            assertThat(MerkleTree.consistencyProof(3, leaves.subList(0, 4))).hasSize(3);
            assertThat(MerkleTree.consistencyProof(63, leaves.subList(0, 64))).hasSize(7);
        }

        @Test
        void anyFlippedBitFails() {
            for (int n = 2; n <= MAX_SIZE; n++) {
                for (int m = 1; m < n; m++) {
                    List<byte[]> proof = MerkleTree.consistencyProof(m, leaves.subList(0, n));
                    int bit = (n * 13 + m * 5) % 256;
                    for (int e = 0; e < proof.size(); e++) {
                        assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n],
                                withElement(proof, e, flipBit(proof.get(e), bit))))
                                .as("%d -> %d, element %d", m, n, e).isFalse();
                    }
                    assertThat(MerkleTree.verifyConsistency(m, n, flipBit(roots[m], bit), roots[n], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], flipBit(roots[n], bit), proof)).isFalse();
                }
            }
        }

        @Test
        void swappedOrWrongRootsFail() {
            for (int n = 2; n <= MAX_SIZE; n++) {
                for (int m = 1; m < n; m++) {
                    List<byte[]> proof = MerkleTree.consistencyProof(m, leaves.subList(0, n));
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[n], roots[m], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m - 1], roots[n], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m + 1], roots[n], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n - 1], proof)).isFalse();
                }
            }
        }

        @Test
        void truncatedOrExtendedProofsFail() {
            for (int n = 2; n <= MAX_SIZE; n++) {
                for (int m = 1; m < n; m++) {
                    List<byte[]> proof = MerkleTree.consistencyProof(m, leaves.subList(0, n));
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n], proof.subList(1, proof.size())))
                            .isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n],
                            proof.subList(0, proof.size() - 1))).isFalse();
                    List<byte[]> longer = new ArrayList<>(proof);
                    longer.add(roots[n]);
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n], longer)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(m, n, node(roots[n], roots[m]), node(roots[n], roots[n]),
                            longer)).isFalse();
                    List<byte[]> withOldRoot = new ArrayList<>(proof);
                    withOldRoot.add(0, roots[m]);
                    assertThat(MerkleTree.verifyConsistency(m, n, roots[m], roots[n], withOldRoot)).isFalse();
                }
            }
        }

        @Test
        void wrongSizesFail() {
            // The sizes fix how many hashes the verifier consumes; a pair of sizes whose own proof
            // has another length cannot accept this one.
            int checked = 0;
            for (int n = 2; n <= MAX_SIZE; n++) {
                for (int m = 1; m < n; m++) {
                    List<byte[]> proof = MerkleTree.consistencyProof(m, leaves.subList(0, n));
                    for (int dm = -1; dm <= 1; dm++) {
                        for (int dn = -1; dn <= 1; dn++) {
                            int m2 = m + dm;
                            int n2 = n + dn;
                            if ((dm == 0 && dn == 0) || m2 < 1 || n2 > MAX_SIZE || m2 > n2) {
                                continue;
                            }
                            if (MerkleTree.consistencyProof(m2, leaves.subList(0, n2)).size() != proof.size()) {
                                checked++;
                                assertThat(MerkleTree.verifyConsistency(m2, n2, roots[m], roots[n], proof))
                                        .as("%d -> %d claimed as %d -> %d", m, n, m2, n2).isFalse();
                            }
                        }
                    }
                    assertThat(MerkleTree.verifyConsistency(n, n, roots[m], roots[n], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(0, n, roots[m], roots[n], proof)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(n, m, roots[n], roots[m], proof)).isFalse();
                }
            }
            assertThat(checked).isGreaterThan(5_000);
        }

        @Test
        void equalSizesVerifyExactlyWhenRootsAreEqualAndTheProofIsEmpty() {
            for (int n = 1; n <= MAX_SIZE; n++) {
                assertThat(MerkleTree.verifyConsistency(n, n, roots[n], roots[n], List.of())).isTrue();
                assertThat(MerkleTree.verifyConsistency(n, n, roots[n], flipBit(roots[n], n), List.of())).isFalse();
                assertThat(MerkleTree.verifyConsistency(n, n, roots[n], roots[n], List.of(roots[n]))).isFalse();
            }
        }

        @Test
        void generationRefusesSizesOutsideTheTree() {
            // Every tree extends the empty one; the RFC defines no proof for it.
            assertThatThrownBy(() -> MerkleTree.consistencyProof(0, leaves.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.consistencyProof(4, leaves.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> MerkleTree.consistencyProof(-1, leaves.subList(0, 3)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void emptyOldTreeIsNotVerified() {
            assertThat(MerkleTree.verifyConsistency(0, 3, roots[0], roots[3], List.of())).isFalse();
            assertThat(MerkleTree.verifyConsistency(0, 0, roots[0], roots[0], List.of())).isFalse();
        }
    }

    @Nested
    class Garbage {

        @Test
        void verificationNeverThrows() {
            Random random = new Random(9162);
            long[] sizes = {Long.MIN_VALUE, -1, 0, 1, 2, 3, 7, 8, 63, 64, 65, 1L << 40, Long.MAX_VALUE - 1,
                    Long.MAX_VALUE};
            for (int round = 0; round < 5_000; round++) {
                long a = random.nextBoolean() ? sizes[random.nextInt(sizes.length)] : random.nextLong();
                long b = random.nextBoolean() ? sizes[random.nextInt(sizes.length)] : random.nextLong();
                byte[] x = randomHash(random);
                byte[] y = randomHash(random);
                List<byte[]> proof = randomProof(random);

                assertThatCode(() -> {
                    assertThat(MerkleTree.verifyInclusion(a, b, x, proof, y)).isFalse();
                    assertThat(MerkleTree.verifyConsistency(a, b, x, y, proof)).isFalse();
                }).as("round %d", round).doesNotThrowAnyException();
            }
        }

        @Test
        void nullsAreRejectedWithoutThrowing() {
            List<byte[]> proof = MerkleTree.inclusionProof(1, leaves.subList(0, 4));
            List<byte[]> withNull = new ArrayList<>(proof);
            withNull.set(0, null);

            assertThat(MerkleTree.verifyInclusion(1, 4, null, proof, roots[4])).isFalse();
            assertThat(MerkleTree.verifyInclusion(1, 4, leaves.get(1), null, roots[4])).isFalse();
            assertThat(MerkleTree.verifyInclusion(1, 4, leaves.get(1), proof, null)).isFalse();
            assertThat(MerkleTree.verifyInclusion(1, 4, leaves.get(1), withNull, roots[4])).isFalse();
            assertThat(MerkleTree.verifyConsistency(2, 4, null, roots[4], List.of(roots[2]))).isFalse();
            assertThat(MerkleTree.verifyConsistency(2, 4, roots[2], null, List.of(roots[2]))).isFalse();
            assertThat(MerkleTree.verifyConsistency(2, 4, roots[2], roots[4], null)).isFalse();
            assertThat(MerkleTree.verifyConsistency(3, 4, roots[3], roots[4], withNull)).isFalse();
        }

        @Test
        void wrongLengthHashesAreRejected() {
            List<byte[]> proof = MerkleTree.inclusionProof(1, leaves.subList(0, 4));
            byte[] longLeaf = Arrays.copyOf(leaves.get(1), 33);
            List<byte[]> shortElement = withElement(proof, 1, Arrays.copyOf(proof.get(1), 31));

            assertThat(MerkleTree.verifyInclusion(1, 4, longLeaf, proof, roots[4])).isFalse();
            assertThat(MerkleTree.verifyInclusion(1, 4, leaves.get(1), shortElement, roots[4])).isFalse();
            assertThat(MerkleTree.verifyInclusion(1, 4, leaves.get(1), proof, Arrays.copyOf(roots[4], 64)))
                    .isFalse();
            assertThat(MerkleTree.verifyConsistency(1, 1, new byte[0], new byte[0], List.of())).isFalse();
        }

        private byte[] randomHash(Random random) {
            int length = random.nextInt(8) == 0 ? random.nextInt(40) : 32;
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private List<byte[]> randomProof(Random random) {
            int length = random.nextInt(70);
            List<byte[]> proof = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                proof.add(random.nextInt(50) == 0 ? null : randomHash(random));
            }
            return random.nextInt(20) == 0 ? Collections.emptyList() : proof;
        }
    }
}
