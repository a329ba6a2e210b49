package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Block;

/** A published view of the main chain never changes, whatever the writer does after. */
@Tag("unit")
class MainChainTest {
    final ChainBuilder builder = new ChainBuilder();
    final MainChain chain = new MainChain();

    @Test
    void aViewKeepsTheChainItWasPublishedWithThroughExtensionsAndReorgs() {
        List<Block> blocksA = builder.extend(builder.genesis(), 4);
        List<BlockNode> a = nodes(blocksA); // heights 1..4
        List<BlockNode> b = nodes(builder.extend(builder.genesis(), 5)); // a rival branch from genesis
        BlockNode genesis = a.get(0).parent();
        chain.add(genesis);
        a.forEach(chain::add);

        List<BlockNode> before = chain.publish();
        chain.add(node(builder.child(blocksA.get(3)), a.get(3))); // written past the view's end
        while (chain.size() > 1) {
            chain.removeLast(); // a reorg back to genesis ...
        }
        b.forEach(chain::add); // ... and onto the rival branch

        assertThat(before).hasSize(5).containsExactly(genesis, a.get(0), a.get(1), a.get(2), a.get(3));
        assertThatThrownBy(() -> before.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(chain.publish()).hasSize(6).endsWith(b.get(4));
        assertThat(chain.contains(a.get(3))).isFalse();
        assertThat(chain.contains(b.get(4))).isTrue();
    }

    @Test
    void growsPastItsFirstArray() {
        BlockNode n = node(builder.genesis(), null);
        for (int i = 0; i < 3000; i++) {
            chain.add(n);
        }
        assertThat(chain.size()).isEqualTo(3000);
        assertThat(chain.publish()).hasSize(3000);
    }

    /** The nodes of a chain of blocks, each linked to the one before (the first to a genesis node). */
    private List<BlockNode> nodes(List<Block> blocks) {
        BlockNode parent = node(builder.genesis(), null);
        List<BlockNode> out = new ArrayList<>();
        for (Block b : blocks) {
            parent = node(b, parent);
            out.add(parent);
        }
        return out;
    }

    private static BlockNode node(Block b, BlockNode parent) {
        return new BlockNode(b.hash(), b.header(), parent, BigInteger.ONE, 0);
    }
}
