package org.powchain.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle root commits a block header to its transactions: change one transaction and the
 * root, hence the header hash, changes. Pairs are hashed level by level with SHA-256d; an odd
 * node out is paired with itself, as in Bitcoin. Because of that pairing, [a,b,c] and [a,b,c,c]
 * share a root (CVE-2012-2459), which is why a block with a duplicate transaction is invalid.
 * The path from one leaf up to the root is a {@link MerkleProof}. See docs/concepts/merkle-tree.md.
 */
public final class MerkleTree {
    private MerkleTree() {}

    public static Hash root(List<Hash> leaves) {
        if (leaves.isEmpty()) {
            return Hash.ZERO;
        }
        List<Hash> level = new ArrayList<>(leaves);
        while (level.size() > 1) {
            List<Hash> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                Hash left = level.get(i);
                Hash right = i + 1 < level.size() ? level.get(i + 1) : left;
                next.add(parent(left, right));
            }
            level = next;
        }
        return level.get(0);
    }

    /** The node above {@code left} and {@code right}: SHA-256d of the two hashes side by side. */
    public static Hash parent(Hash left, Hash right) {
        byte[] pair = new byte[Hash.SIZE * 2];
        System.arraycopy(left.toBytes(), 0, pair, 0, Hash.SIZE);
        System.arraycopy(right.toBytes(), 0, pair, Hash.SIZE, Hash.SIZE);
        return Hashing.doubleSha256(pair);
    }

    public static Hash rootOf(List<? extends Transaction> txs) {
        List<Hash> ids = new ArrayList<>(txs.size());
        for (Transaction tx : txs) {
            ids.add(tx.id());
        }
        return root(ids);
    }
}
