package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.powchain.core.Block;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;

/** What every {@link BlockStore} promises, whatever the engine. */
abstract class BlockStoreContract extends StoreContract {

    @Test
    void keepsEveryBlockWithItsHeightAndWorkInTheOrderTheyArrived() {
        BlockStore blocks = store.blocks();
        Block g = builder.genesis();
        Block a1 = builder.child(g, AccountTransaction.signed(NET, A, B.address(), 5, 1, 0));
        Block b1 = builder.child(g);
        var work = Target.work(g.header().bits());
        blocks.putBlock(g, 0, work);
        blocks.putBlock(b1, 1, work.shiftLeft(1));
        blocks.putBlock(a1, 1, work.shiftLeft(1));
        blocks.putBlock(a1, 1, work.shiftLeft(1)); // a duplicate changes nothing

        assertThat(blocks.blockIndex()).extracting(BlockStore.IndexEntry::hash).containsExactly(g.hash(), b1.hash(), a1.hash());
        assertThat(blocks.blockIndex().get(2)).satisfies(e -> {
            assertThat(e.header()).isEqualTo(a1.header());
            assertThat(e.height()).isEqualTo(1);
            assertThat(e.chainWork()).isEqualTo(work.shiftLeft(1));
        });
        assertThat(blocks.block(a1.hash()).orElseThrow().transactions()).isEqualTo(a1.transactions());
        assertThat(blocks.block(builder.child(a1).hash())).isEmpty();
    }

    @Test
    void forgetsADeletedBlock() {
        BlockStore blocks = store.blocks();
        Block g = builder.genesis();
        Block b1 = builder.child(g);
        blocks.putBlock(g, 0, Target.work(g.header().bits()));
        blocks.putBlock(b1, 1, Target.work(g.header().bits()));

        blocks.deleteBlock(b1.hash());

        assertThat(blocks.block(b1.hash())).isEmpty();
        assertThat(blocks.blockIndex()).extracting(BlockStore.IndexEntry::hash).containsExactly(g.hash());
    }

    @Test
    void keepsSettingsAndReplacesThem() {
        BlockStore blocks = store.blocks();
        assertThat(blocks.setting("k")).isEmpty();
        blocks.putSetting("k", "one");
        blocks.putSetting("k", "two");
        assertThat(blocks.setting("k")).contains("two");
    }
}
