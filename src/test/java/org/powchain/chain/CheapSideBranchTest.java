package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Block;
import org.powchain.store.MemoryStore;

/** Bitcoin Core's AcceptBlock rule: what nobody asked for and cannot move the tip is not stored; deep side branches are pruned. */
@Tag("unit")
class CheapSideBranchTest {
    final ChainBuilder builder = new ChainBuilder();
    final MemoryStore store = new MemoryStore();
    final ChainManager chain = builder.newChain(store);
    final ChainQueries queries = chain.queries();

    @Test
    void anUnrequestedBlockWithLessWorkIsNotStoredButARequestedOneIs() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 3);
        for (Block b : main) {
            chain.process(b);
        }
        Block cheap = builder.child(builder.genesis());
        BlockOutcome relayed = chain.processUnrequested(cheap);
        assertThat(relayed.status()).isEqualTo(BlockOutcome.Status.NOT_STORED);
        assertThat(relayed.height()).isEqualTo(1);
        assertThat(queries.knows(cheap.hash())).isFalse();
        assertThat(store.blocks().block(cheap.hash())).isEmpty();
        assertThat(chain.processUnrequested(cheap).status()).isEqualTo(BlockOutcome.Status.NOT_STORED); // remembered

        assertThat(chain.process(cheap).status()).as("asked for, or mined here").isEqualTo(BlockOutcome.Status.SIDE_BRANCH);
        assertThat(store.blocks().block(cheap.hash())).isPresent();
    }

    @Test
    void anUnrequestedBlockWithAsMuchWorkAsTheTipIsStoredForTheRace() throws Exception {
        List<Block> main = builder.extend(builder.genesis(), 3);
        for (Block b : main) {
            chain.process(b);
        }
        Block rival = builder.child(main.get(1)); // same height as the tip, same work
        assertThat(chain.processUnrequested(rival).status()).isEqualTo(BlockOutcome.Status.SIDE_BRANCH);
        Block winner = builder.child(rival); // more work: a relay that moves the tip
        assertThat(chain.processUnrequested(winner).status()).isEqualTo(BlockOutcome.Status.MAIN_CHAIN);
        assertThat(queries.tipNode().hash()).isEqualTo(winner.hash());
    }

    @Test
    void sideBranchesForkingDeeperThanTheBoundArePrunedFromMemoryAndDisk() throws Exception {
        Block oldSide = builder.child(builder.genesis());
        for (Block b : builder.extend(builder.genesis(), BestChain.MAX_SIDE_BRANCH_DEPTH + 20)) {
            chain.process(b);
        }
        chain.process(oldSide); // stored: a user or a sync asked for it
        Block recentSide = builder.child(queries.blockAt(queries.height() - 5).orElseThrow());
        chain.process(recentSide);
        assertThat(queries.knows(oldSide.hash())).isTrue();
        for (Block b : builder.extend(queries.tipBlock(), 16)) { // the tip passes a multiple of 16: pruning runs
            chain.process(b);
        }
        assertThat(queries.knows(oldSide.hash())).isFalse();
        assertThat(store.blocks().block(oldSide.hash())).isEmpty();
        assertThat(queries.knows(recentSide.hash())).as("a recent fork is kept").isTrue();
        assertThat(queries.allNodes()).hasSize(queries.height() + 2); // the main chain and the recent side block
    }
}
