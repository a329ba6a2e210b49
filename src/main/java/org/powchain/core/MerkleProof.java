package org.powchain.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Proof that one transaction is in a block, without the block: the sibling hashes on the path from
 * the transaction id up to the Merkle root, about log2(n) of them for n transactions (Bitcoin's
 * {@code gettxoutproof}, whitepaper §8). A light client that holds only headers folds the branch and
 * compares the result with the root in a header it has checked itself; the node that sent the proof
 * need not be trusted, since finding another branch to the same root means breaking SHA-256.
 *
 * <p>The branch is listed in the order a verifier folds it, leaf level first. Each step says on which
 * side the sibling sits, and that side must agree with {@code index}: at level k the sibling is on
 * the right exactly when bit k of the index is 0. A node that is last on a level of odd length is
 * paired with itself ({@link MerkleTree}'s rule), so its sibling is its own hash, on the right.
 *
 * <p>What a proof cannot show: how many transactions the block has, so an index past the end is
 * caught only where it would need a left sibling equal to the node itself, which no honest tree
 * has (the duplicated node is always the right one; see the CVE-2012-2459 note on
 * {@link MerkleTree}). The light client uses the id, not the index. See docs/concepts/light-clients.md.
 *
 * @param txid   the leaf: the transaction id
 * @param index  the transaction's position in its block, 0 for the coinbase
 * @param branch the siblings from the leaf level up
 */
public record MerkleProof(Hash txid, int index, List<Step> branch) {

    /** A sibling hash and the side it sits on when hashed with the running value. */
    public record Step(Hash hash, Side side) {
        public Step {
            if (hash == null || side == null) {
                throw new IllegalArgumentException("a step needs a hash and a side");
            }
        }
    }

    public enum Side { LEFT, RIGHT }

    public MerkleProof {
        if (txid == null || branch == null) {
            throw new IllegalArgumentException("a proof needs a txid and a branch");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        branch = List.copyOf(branch);
    }

    /** The proof for the leaf at {@code index} of {@code leaves}, with the same pairing as {@link MerkleTree#root}. */
    public static MerkleProof of(List<Hash> leaves, int index) {
        if (index < 0 || index >= leaves.size()) {
            throw new IllegalArgumentException("index " + index + " is outside 0.." + (leaves.size() - 1));
        }
        List<Step> branch = new ArrayList<>();
        List<Hash> level = new ArrayList<>(leaves);
        int i = index;
        while (level.size() > 1) {
            if (i % 2 == 0) {
                Hash sibling = i + 1 < level.size() ? level.get(i + 1) : level.get(i);
                branch.add(new Step(sibling, Side.RIGHT));
            } else {
                branch.add(new Step(level.get(i - 1), Side.LEFT));
            }
            List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
            for (int j = 0; j < level.size(); j += 2) {
                next.add(MerkleTree.parent(level.get(j), j + 1 < level.size() ? level.get(j + 1) : level.get(j)));
            }
            level = next;
            i /= 2;
        }
        return new MerkleProof(leaves.get(index), index, branch);
    }

    /** The proof for the transaction at {@code index} of a block's transactions. */
    public static MerkleProof of(Block block, int index) {
        return of(block.transactions().stream().map(Transaction::id).toList(), index);
    }

    /**
     * The root this proof leads to, or null when the proof is inconsistent in itself: a side that
     * contradicts the index, an index with bits beyond the branch, or a left sibling equal to the
     * node (which only a forged index produces).
     */
    public Hash computeRoot() {
        List<Hash> path = path();
        return path == null ? null : path.isEmpty() ? txid : path.get(path.size() - 1);
    }

    /** The hashes the fold goes through, one per step, the root last; null when {@link #computeRoot} is. */
    public List<Hash> path() {
        if (branch.size() < 31 && (index >>> branch.size()) != 0) {
            return null;
        }
        List<Hash> path = new ArrayList<>(branch.size());
        Hash node = txid;
        for (int level = 0; level < branch.size(); level++) {
            Step step = branch.get(level);
            boolean siblingOnRight = ((index >>> level) & 1) == 0;
            if (siblingOnRight != (step.side() == Side.RIGHT)) {
                return null;
            }
            if (!siblingOnRight && step.hash().equals(node)) {
                return null;
            }
            node = siblingOnRight ? MerkleTree.parent(node, step.hash()) : MerkleTree.parent(step.hash(), node);
            path.add(node);
        }
        return path;
    }

    /** Whether folding the branch from {@code txid} gives {@code merkleRoot}. */
    public boolean verify(Hash merkleRoot) {
        Hash root = computeRoot();
        return root != null && root.equals(merkleRoot);
    }

    /** Whether the transaction is in the block with this header. */
    public boolean verify(BlockHeader header) {
        return verify(header.merkleRoot());
    }
}
