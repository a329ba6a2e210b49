package org.powchain.mining;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.AccountLedger;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.chain.TipChange;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.Target;
import org.powchain.core.AccountTransaction;
import org.powchain.mempool.Mempool;
import org.powchain.store.MemoryStore;

@Tag("unit")
class MinerTest {

    /** A miner on the chain's own clock: one clock per test, so the outcome never depends on today's date. */
    static Miner miner(ChainManager chain, Mempool mempool, int threads, LongSupplier clock) {
        Miner m = new Miner(chain, new BlockAssembler(chain.queries(), mempool), Keys.demo("m").address(), threads, clock);
        chain.addListener(mempool);
        chain.addListener(m);
        m.start();
        return m;
    }

    @Test
    void minesAValidBlockWithTheMempoolOnSeveralThreads() throws Exception {
        ConsensusParams p = ConsensusParams.forTests().withPinnedDifficulty(12);
        ChainManager chain = ChainManager.open(p, new MemoryStore(), new SignatureVerifier(100), WallClock::millis);
        Mempool mempool = new Mempool(chain.queries(), new SignatureVerifier(100), 100);
        AccountTransaction tx = mempool.add(AccountTransaction.signed(chain.queries().networkId(), Keys.demo("A"), Keys.demo("B").address(), 5, 1, 0));
        try (Miner m = miner(chain, mempool, 2, WallClock::millis)) {
            Block b = m.mineOne().get();
            assertThat(Target.meets(b.hash(), b.header().bits())).isTrue();
            assertThat(b.header().bits()).isEqualTo(Target.bitsForLeadingZeros(12));
            assertThat(b.transactions()).contains(tx);
            assertThat(AccountLedger.transfer(b.transactions().get(0)).amount()).isEqualTo(51);
            assertThat(chain.queries().tipNode().hash()).isEqualTo(b.hash());
            assertThat(mempool.size()).isZero();
        }
    }

    @Test
    void continuousMiningExtendsTheChainUntilStopped() {
        ChainBuilder builder = new ChainBuilder();
        ChainManager chain = builder.newChain();
        try (Miner m = miner(chain, new Mempool(chain.queries(), new SignatureVerifier(10), 10), 1, builder::now)) {
            m.setContinuous(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> chain.queries().height() >= 5);
            m.setContinuous(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> !m.isBusy());
            int h = chain.queries().height();
            long attempts = m.totalAttempts();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> m.totalAttempts() == attempts);
            assertThat(chain.queries().height()).isEqualTo(h);
        }
    }

    @Test
    void aNewTipAbandonsTheSearchAtOnce() {
        // 40 bits: this search would run for days; only a new tip can end it early.
        ConsensusParams p = ConsensusParams.forTests().withPinnedDifficulty(40);
        ChainManager chain = ChainManager.open(p, new MemoryStore(), new SignatureVerifier(10), WallClock::millis);
        try (Miner m = miner(chain, new Mempool(chain.queries(), new SignatureVerifier(10), 10), 1, WallClock::millis)) {
            m.mineOne();
            await().atMost(Duration.ofSeconds(5)).until(() -> m.templatesBuilt() == 1 && m.totalAttempts() > 0);
            m.tipChanged(new TipChange(chain.queries().tipNode(), chain.queries().tipNode(), List.of(), List.of()));
            // well before the 5 s template refresh
            await().atMost(Duration.ofMillis(2_000)).until(() -> m.templatesBuilt() == 2);
        }
    }
}
