package org.powchain.chain;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The main chain by height, written by the chain's one writer and read by anyone through the
 * views it {@linkplain #publish publishes}. A view is never changed: a block connected after it
 * is written past its end, and the first disconnect after it copies the array before stepping
 * back. So following the chain costs nothing, and a reorg one copy.
 */
final class MainChain {
    private BlockNode[] nodes = new BlockNode[1024];
    private int size;
    /** A published view reads {@code nodes}: stepping back must not overwrite what it sees. */
    private boolean shared;

    void add(BlockNode node) {
        if (size == nodes.length) {
            nodes = Arrays.copyOf(nodes, size * 2);
        }
        nodes[size++] = node;
    }

    void removeLast() {
        if (shared) {
            nodes = nodes.clone();
            shared = false;
        }
        nodes[--size] = null;
    }

    BlockNode get(int height) {
        return nodes[height];
    }

    int size() {
        return size;
    }

    BlockNode tip() {
        return nodes[size - 1];
    }

    boolean contains(BlockNode node) {
        return node.height() < size && nodes[node.height()] == node;
    }

    /** The chain as it is now, unchanged by anything the writer does next. */
    List<BlockNode> publish() {
        shared = true;
        return new View(nodes, size);
    }

    private static final class View extends AbstractList<BlockNode> implements RandomAccess {
        private final BlockNode[] nodes;
        private final int size;

        View(BlockNode[] nodes, int size) {
            this.nodes = nodes;
            this.size = size;
        }

        @Override
        public BlockNode get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("height " + index + " of a chain of " + size);
            }
            return nodes[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
