package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Genesis;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/** Forks come from propagation delay: none without it, more as blocks come faster. */
@Tag("sim")
class NetworkScenarioTest {
    @Test
    void withNoLatencyNoBlockGoesStale() {
        NetworkScenario.Result r = NetworkScenario.run(new NetworkScenario.Options(30, 6, 10, 100, 0, 0, 0, 8, 1), n -> { });
        assertThat(r.blocksMined()).isEqualTo(100);
        assertThat(r.staleRate()).isZero();
        assertThat(r.mainChainBlocks()).isEqualTo(100);
        assertThat(r.reorgDepths()).isEmpty();
        assertThat(r.finalChain()).hasSize(100);
    }

    @Test
    void fasterBlocksMakeMoreStaleBlocks() {
        NetworkScenario.Result slow = NetworkScenario.run(new NetworkScenario.Options(40, 6, 60, 150, 200, 1, 0, 8, 2), n -> { });
        NetworkScenario.Result fast = NetworkScenario.run(new NetworkScenario.Options(40, 6, 2, 150, 200, 1, 0, 8, 2), n -> { });
        // a block needs several hops of ~200 ms to reach the others: at 2 s blocks many miners are still on the old tip
        assertThat(fast.propagationP90Ms()).isGreaterThan(200);
        assertThat(fast.staleRate()).isGreaterThan(0.05).isGreaterThan(3 * slow.staleRate());
        assertThat(fast.reorgDepths()).isNotEmpty();
        // the main chain reported is a chain: each block on the one before, from genesis
        assertThat(fast.finalChain()).hasSize((int) fast.mainChainBlocks());
        Hash previous = Genesis.block(ConsensusParams.defaults().withPinnedDifficulty(8)).hash();
        for (Block b : fast.finalChain()) {
            assertThat(b.previousHash()).isEqualTo(previous);
            previous = b.hash();
        }
    }

    @Test
    void transactionsSentDuringTheRunEndUpInBlocks() {
        NetworkScenario.Result r = NetworkScenario.run(new NetworkScenario.Options(10, 4, 10, 40, 50, 10, 20, 8, 3), n -> { });
        long txs = r.finalChain().stream().mapToLong(b -> b.transactions().size() - 1).sum();
        assertThat(txs).isGreaterThan(20 * 30); // about 20 a block, less the ones still pending at the end
    }
}
