package org.powchain.chain;

import java.math.BigInteger;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Target;

/**
 * One block in the block tree: its header, its height, and the total work of the chain ending
 * in it. The tree holds every valid block, main chain and side branches alike; fork choice
 * compares {@link #chainWork()}. Immutable.
 */
public final class BlockNode {
    private final Hash hash;
    private final BlockHeader header;
    private final BlockNode parent;
    private final int height;
    private final BigInteger chainWork;
    private final long sequence;

    BlockNode(Hash hash, BlockHeader header, BlockNode parent, BigInteger chainWork, long sequence) {
        this.hash = hash;
        this.header = header;
        this.parent = parent;
        this.height = parent == null ? 0 : parent.height + 1;
        this.chainWork = chainWork;
        this.sequence = sequence;
    }

    /** The ancestor at {@code h} (this node itself when {@code h == height}). */
    public BlockNode ancestor(int h) {
        if (h < 0 || h > height) {
            throw new IllegalArgumentException("no ancestor at height " + h + " of a block at " + height);
        }
        BlockNode n = this;
        while (n.height > h) {
            n = n.parent;
        }
        return n;
    }

    /** The last block this and {@code other} have in common: where their branches fork (one of them, if one descends from the other). */
    public BlockNode forkPoint(BlockNode other) {
        int h = Math.min(height, other.height);
        BlockNode a = ancestor(h);
        BlockNode b = other.ancestor(h);
        while (a != b && !a.hash.equals(b.hash)) {
            a = a.parent;
            b = b.parent;
        }
        return a;
    }

    public Hash hash() {
        return hash;
    }

    public BlockHeader header() {
        return header;
    }

    /** Null for genesis. */
    public BlockNode parent() {
        return parent;
    }

    public int height() {
        return height;
    }

    public BigInteger chainWork() {
        return chainWork;
    }

    /** The chain work of a chain ending in {@code child}, a header built on this block: fork choice compares it. */
    public BigInteger chainWorkWith(BlockHeader child) {
        return chainWork.add(Target.work(child.bits()));
    }

    /** Order of arrival: among equal work, the first seen wins. */
    long sequence() {
        return sequence;
    }

    /** More work wins; on a tie the block seen first stays. */
    boolean beats(BlockNode other) {
        int c = chainWork.compareTo(other.chainWork);
        return c > 0 || (c == 0 && sequence < other.sequence);
    }

    @Override
    public String toString() {
        return "BlockNode[" + height + " " + hash.toHex().substring(0, 12) + "]";
    }
}
