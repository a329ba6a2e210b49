package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MerkleProofTest {

    private static List<Hash> leaves(int n) {
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Hashing.doubleSha256(new byte[] {(byte) i, (byte) n}));
        }
        return out;
    }

    @Test
    void aProofVerifiesForEveryPositionInBlocksOf1To17Transactions() {
        for (int n = 1; n <= 17; n++) {
            List<Hash> leaves = leaves(n);
            Hash root = MerkleTree.root(leaves);
            int depth = 32 - Integer.numberOfLeadingZeros(n - 1); // ceil(log2 n)
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleProof.of(leaves, i);
                assertThat(proof.verify(root)).as("tx %d of %d", i, n).isTrue();
                assertThat(proof.branch()).as("tx %d of %d", i, n).hasSize(depth);
                assertThat(proof.txid()).isEqualTo(leaves.get(i));
            }
        }
    }

    @Test
    void aProofWithOneFlippedBitFailsWhereverTheBitIs() {
        List<Hash> leaves = leaves(11);
        Hash root = MerkleTree.root(leaves);
        MerkleProof proof = MerkleProof.of(leaves, 6);
        for (int step = 0; step < proof.branch().size(); step++) {
            for (int bit = 0; bit < Hash.SIZE * 8; bit += 37) {
                List<MerkleProof.Step> branch = new ArrayList<>(proof.branch());
                MerkleProof.Step s = branch.get(step);
                branch.set(step, new MerkleProof.Step(flip(s.hash(), bit), s.side()));
                assertThat(new MerkleProof(proof.txid(), 6, branch).verify(root)).as("step %d bit %d", step, bit).isFalse();
            }
        }
        assertThat(new MerkleProof(flip(proof.txid(), 3), 6, proof.branch()).verify(root)).isFalse();
        assertThat(proof.verify(flip(root, 255))).isFalse();
    }

    @Test
    void aProofWithAWrongIndexFails() {
        for (int n = 2; n <= 17; n++) {
            List<Hash> leaves = leaves(n);
            Hash root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                MerkleProof proof = MerkleProof.of(leaves, i);
                for (int wrong = 0; wrong < 2 * n + 2; wrong++) {
                    if (wrong != i) {
                        assertThat(new MerkleProof(proof.txid(), wrong, proof.branch()).verify(root))
                                .as("tx %d of %d claimed at %d", i, n, wrong).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void theDuplicatedLastNodeCannotBeClaimedAtAPositionPastTheEnd() {
        // [a,b,c] pairs c with itself: c at index 3 with c as a *left* sibling would fold to the same root
        List<Hash> leaves = leaves(3);
        Hash c = leaves.get(2);
        MerkleProof honest = MerkleProof.of(leaves, 2);
        List<MerkleProof.Step> forged = List.of(new MerkleProof.Step(c, MerkleProof.Side.LEFT),
                new MerkleProof.Step(honest.branch().get(1).hash(), MerkleProof.Side.LEFT));
        assertThat(new MerkleProof(c, 3, forged).verify(MerkleTree.root(leaves))).isFalse();
    }

    @Test
    void aProofFailsAgainstTheWrongHeader() {
        List<Hash> leaves = leaves(5);
        BlockHeader right = new BlockHeader(1, Hash.ZERO, MerkleTree.root(leaves), 1, 0x1f00ffff, 0);
        BlockHeader wrong = new BlockHeader(1, Hash.ZERO, MerkleTree.root(leaves(6)), 1, 0x1f00ffff, 0);
        MerkleProof proof = MerkleProof.of(leaves, 4);
        assertThat(proof.verify(right)).isTrue();
        assertThat(proof.verify(wrong)).isFalse();
    }

    private static Hash flip(Hash h, int bit) {
        byte[] b = h.toBytes();
        b[bit / 8] ^= (byte) (1 << (bit % 8));
        return Hash.of(b);
    }
}
