package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Block;
import org.powchain.store.MemoryStore;

/**
 * A pruned memory store (what long simulations run on) drops the bodies and undo records of
 * main-chain blocks deeper than it keeps; the chain above works as before, and a reorg that
 * would need what was dropped is refused loudly instead of corrupting the ledger.
 */
@Tag("unit")
class PrunedStoreTest {
    final ChainBuilder builder = new ChainBuilder();
    final MemoryStore store = MemoryStore.pruned(5);
    final ChainManager chain = builder.newChain(store);
    final ChainQueries queries = chain.queries();

    @Test
    void bodiesDeeperThanTheDepthAreDroppedAndHeadersKept() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 20);
        for (Block b : main) {
            chain.process(b);
        }
        assertThat(queries.height()).isEqualTo(20);
        for (int h = 1; h <= 20; h++) {
            Block b = main.get(h - 1);
            assertThat(queries.isOnMainChain(b.hash())).isTrue();
            assertThat(queries.node(b.hash())).as("the header stays in the block tree").isPresent();
            assertThat(store.blocks().block(b.hash()).isPresent()).as("body at height " + h).isEqualTo(h > 15);
        }
        assertThat(store.blocks().block(builder.genesis().hash())).as("genesis is never dropped").isPresent();
        assertThat(queries.balance(ChainBuilder.MINER)).isEqualTo(20 * 50);
    }

    @Test
    void aReorgWithinTheDepthWorksAndADeeperOneIsRefused() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 20);
        for (Block b : main) {
            chain.process(b);
        }
        // a branch forking 3 below the tip, one longer: a reorg of 3
        List<Block> shallow = builder.extend(main.get(16), 4);
        for (Block b : shallow) {
            chain.process(b);
        }
        assertThat(queries.tipNode().hash()).isEqualTo(shallow.get(3).hash());
        assertThat(queries.balance(ChainBuilder.MINER)).isEqualTo(21 * 50);
        // a branch forking 10 below: its undo records are gone
        List<Block> deep = builder.extend(main.get(10), 12);
        assertThatThrownBy(() -> {
            for (Block b : deep) {
                chain.process(b);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining("pruned");
    }
}
