package org.powchain.chain;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * The main chain by height, written by the chain's one writer and read by anyone through the
 * views it {@linkplain #publish publishes}. A view is never changed: a block connected after it
 * is written past its end, and a disconnect after it copies, before stepping back, only what the
 * view can see and the step would overwrite. The chain is kept in chunks of {@value #CHUNK}
 * heights: a disconnect copies the list of chunks and the one chunk it writes, never the whole
 * chain, so a reorg costs the same at height 1,000,000 as at 1,000 (issue 26: it used to copy
 * the whole chain, once per reorg).
 */
final class MainChain {
    static final int CHUNK = 1024;
    private BlockNode[][] chunks = new BlockNode[16][];
    private int size;
    /** A published view reads {@code chunks}: replacing one of its slots needs a copy of the list first. */
    private boolean chunksShared;
    /** Chunks at this index and above are the writer's alone; those below may be read by a view. */
    private int ownedFrom;

    void add(BlockNode node) {
        int c = size / CHUNK;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2); // a view keeps the list it had
            chunksShared = false;
        }
        if (chunks[c] == null) {
            chunks[c] = new BlockNode[CHUNK]; // a slot past every view's end
        }
        chunks[c][size % CHUNK] = node; // past every view's end, shared chunk or not
        size++;
    }

    void removeLast() {
        int i = size - 1;
        int c = i / CHUNK;
        if (c < ownedFrom) { // a view may read this chunk: step back in a copy of it
            if (chunksShared) {
                chunks = chunks.clone();
                chunksShared = false;
            }
            chunks[c] = chunks[c].clone();
            ownedFrom = c;
        }
        chunks[c][i % CHUNK] = null;
        size--;
    }

    BlockNode get(int height) {
        return chunks[height / CHUNK][height % CHUNK];
    }

    int size() {
        return size;
    }

    BlockNode tip() {
        return get(size - 1);
    }

    boolean contains(BlockNode node) {
        return node.height() < size && get(node.height()) == node;
    }

    /** The chain as it is now, unchanged by anything the writer does next. */
    List<BlockNode> publish() {
        chunksShared = true;
        ownedFrom = (size + CHUNK - 1) / CHUNK; // every chunk holding a height the view can see
        return new View(chunks, size);
    }

    private static final class View extends AbstractList<BlockNode> implements RandomAccess {
        private final BlockNode[][] chunks;
        private final int size;

        View(BlockNode[][] chunks, int size) {
            this.chunks = chunks;
            this.size = size;
        }

        @Override
        public BlockNode get(int index) {
            if (index < 0 || index >= size) {
                throw new IndexOutOfBoundsException("height " + index + " of a chain of " + size);
            }
            return chunks[index / CHUNK][index % CHUNK];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
