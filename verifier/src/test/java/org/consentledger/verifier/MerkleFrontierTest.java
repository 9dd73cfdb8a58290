package org.consentledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

    @Test
    void everySizeUpTo300HasTheRootOfTheWholeTree() {
        MerkleFrontier frontier = MerkleFrontier.empty();
        List<byte[]> leaves = new ArrayList<>();
        assertThat(frontier.root()).isEqualTo(MerkleTree.root(leaves));
        for (int n = 1; n <= 300; n++) {
            byte[] leaf = MerkleTree.leafHash(("event " + n).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            frontier.append(leaf);
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.root()).as("size %d", n).isEqualTo(MerkleTree.root(leaves));
        }
    }

    @Test
    void aStoredFrontierContinuesWhereItStopped() {
        MerkleFrontier first = MerkleFrontier.empty();
        List<byte[]> leaves = new ArrayList<>();
        for (int n = 0; n < 77; n++) {
            byte[] leaf = MerkleTree.leafHash(new byte[] {(byte) n});
            leaves.add(leaf);
            first.append(leaf);
        }
        MerkleFrontier resumed = MerkleFrontier.parse(77, first.toString());
        for (int n = 77; n < 130; n++) {
            byte[] leaf = MerkleTree.leafHash(new byte[] {(byte) n});
            leaves.add(leaf);
            resumed.append(leaf);
        }
        assertThat(resumed.root()).isEqualTo(MerkleTree.root(leaves));
    }

    @Test
    void aFrontierThatDoesNotFitItsSizeIsRefused() {
        String threeLeaves = frontierOf(3).toString();
        assertThatThrownBy(() -> MerkleFrontier.parse(4, threeLeaves)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MerkleFrontier frontierOf(int size) {
        MerkleFrontier frontier = MerkleFrontier.empty();
        for (int n = 0; n < size; n++) {
            frontier.append(MerkleTree.leafHash(new byte[] {(byte) n}));
        }
        return frontier;
    }
}
