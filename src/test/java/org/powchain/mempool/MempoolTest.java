package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.AccountLedger;
import org.powchain.core.AccountState;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.AccountTransaction;

@Tag("unit")
class MempoolTest {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Address C = Keys.demo("C").address();

    final ChainBuilder builder = new ChainBuilder();
    final NetworkId NET = builder.network();
    final ChainManager chain = builder.newChain();
    final Mempool mempool = new Mempool(chain.queries(), new SignatureVerifier(1000), 100);

    {
        chain.addListener(mempool);
    }

    static Rule ruleOf(ThrowingRunnable r) {
        try {
            r.run();
        } catch (RuleViolation v) {
            return v.rule();
        }
        throw new AssertionError("accepted");
    }

    interface ThrowingRunnable {
        void run() throws RuleViolation;
    }

    @Test
    void concurrentRequestsFromOneSenderGetDistinctConsecutiveNonces() throws Exception {
        int threads = 4;
        int each = 20; // 80 in all: within the mempool's capacity of 100
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    AccountPolicy.addWithNextNonce(mempool, A.address(), n -> AccountTransaction.signed(NET, A, C, 1, 0, n));
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get(30, java.util.concurrent.TimeUnit.SECONDS); // rethrows a refusal, if any
        }
        pool.shutdown();
        assertThat(mempool.all()).extracting(t -> AccountLedger.transfer(t).nonce())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(0, threads * each).boxed().toList());
    }

    @Test
    void refusesASecondSpendThatPendingTransactionsAlreadyUse() throws Exception {
        mempool.add(AccountTransaction.signed(NET, A, B.address(), 800, 0, 0));
        assertThatThrownBy(() -> mempool.add(AccountTransaction.signed(NET, A, C, 800, 0, 1)))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("insufficient funds: balance 1000, pending 800");
        assertThat(mempool.size()).isEqualTo(1);
    }

    @Test
    void refusesDuplicatesReplaysGapsAndForgeries() throws Exception {
        AccountTransaction t0 = AccountTransaction.signed(NET, A, B.address(), 10, 0, 0);
        mempool.add(t0);
        assertThat(ruleOf(() -> mempool.add(t0))).isEqualTo(Rule.ALREADY_KNOWN);
        assertThat(ruleOf(() -> mempool.add(AccountTransaction.signed(NET, A, B.address(), 11, 0, 0)))).isEqualTo(Rule.BAD_NONCE);
        assertThat(ruleOf(() -> mempool.add(AccountTransaction.signed(NET, A, B.address(), 11, 0, 5)))).isEqualTo(Rule.BAD_NONCE);
        AccountTransaction stolen = AccountTransaction.of(NET, A.publicKey(), C, 10, 0, 1, B.sign(new byte[] {1}));
        assertThat(ruleOf(() -> mempool.add(stolen))).isEqualTo(Rule.BAD_SIGNATURE);

        chain.process(builder.child(builder.genesis(), t0));
        assertThat(mempool.all()).isEmpty();
        assertThat(ruleOf(() -> mempool.add(t0))).isEqualTo(Rule.BAD_NONCE); // replay of a mined tx
    }

    @Test
    void selectsHighestFeesFirstButKeepsEachSendersNonceOrder() throws Exception {
        AccountTransaction a0 = mempool.add(AccountTransaction.signed(NET, A, C, 1, 1, 0));
        AccountTransaction a1 = mempool.add(AccountTransaction.signed(NET, A, C, 1, 9, 1));
        AccountTransaction b0 = mempool.add(AccountTransaction.signed(NET, B, C, 1, 5, 0));
        assertThat(mempool.selectForBlock(10)).containsExactly(b0, a0, a1);
        assertThat(mempool.selectForBlock(1)).containsExactly(b0);
    }

    @Test
    void aReorgReturnsTheLosingBranchsTransactionsUnlessTheWinnerHasThem() throws Exception {
        AccountTransaction shared = AccountTransaction.signed(NET, B, C, 5, 0, 0);
        AccountTransaction onlyA = AccountTransaction.signed(NET, A, C, 100, 0, 0);
        Block a1 = builder.child(builder.genesis(), shared, onlyA);
        chain.process(a1);
        assertThat(mempool.all()).isEmpty();

        Block b1 = builder.child(builder.genesis(), shared);
        List<Block> b = builder.extend(b1, 1);
        chain.process(b1);
        chain.process(b.get(0));

        assertThat(chain.queries().reorgCount()).isEqualTo(1);
        assertThat(mempool.all()).containsExactly(onlyA);
        assertThat(chain.queries().balance(C)).isEqualTo(5);
    }

    @Test
    void aFullPoolLetsAHigherFeeEvictTheLowest() throws Exception {
        Mempool small = new Mempool(chain.queries(), new SignatureVerifier(10), 2);
        AccountTransaction a0 = small.add(AccountTransaction.signed(NET, A, C, 1, 1, 0));
        AccountTransaction b0 = small.add(AccountTransaction.signed(NET, B, C, 1, 3, 0));
        // evicting a0 would leave a1 with a gap before it
        assertThat(ruleOf(() -> small.add(AccountTransaction.signed(NET, A, C, 1, 5, 1)))).isEqualTo(Rule.MEMPOOL_FULL);
        assertThat(ruleOf(() -> small.add(AccountTransaction.signed(NET, B, C, 1, 1, 1)))).isEqualTo(Rule.MEMPOOL_FULL);

        AccountTransaction b1 = small.add(AccountTransaction.signed(NET, B, C, 1, 2, 1));

        assertThat(small.all()).containsExactly(b0, b1).doesNotContain(a0);
    }

    @Test
    void aTransactionAdmittedBeforeTheMempoolHearsOfANewBlockKeepsItsPlace() throws Exception {
        // The chain tells listeners after releasing its lock, so admissions can see the new tip's
        // ledger while the queue still holds what that block mined.
        ChainManager c = builder.newChain();
        Mempool lagging = new Mempool(c.queries(), new SignatureVerifier(1000), 100);
        AccountTransaction first = AccountPolicy.addWithNextNonce(lagging, A.address(), n -> AccountTransaction.signed(NET, A, C, 1, 0, n));
        BlockOutcome outcome = c.process(builder.child(builder.genesis(), first));

        AccountTransaction second = AccountPolicy.addWithNextNonce(lagging, A.address(), n -> AccountTransaction.signed(NET, A, C, 1, 0, n));
        lagging.tipChanged(outcome.tipChange().orElseThrow());

        assertThat(second.nonce()).isEqualTo(1);
        assertThat(lagging.all()).containsExactly(second);
    }

    @Test
    void aTemplateNeverCarriesATransactionTheChainAlreadyMined() throws Exception {
        // Between the chain connecting a block and tipChanged reaching the mempool, the queue still
        // holds what that block mined; a template built then must leave it out, or the miner mines
        // a block that breaks the nonce rule.
        ChainManager c = builder.newChain();
        Mempool lagging = new Mempool(c.queries(), new SignatureVerifier(1000), 100);
        AccountTransaction mined = lagging.add(AccountTransaction.signed(NET, A, C, 1, 0, 0));
        AccountTransaction next = lagging.add(AccountTransaction.signed(NET, A, C, 1, 0, 1));
        AccountTransaction other = lagging.add(AccountTransaction.signed(NET, B, C, 1, 0, 0));
        c.process(builder.child(builder.genesis(), mined)); // the mempool has not heard of it yet

        assertThat(lagging.selectForBlock(10)).containsExactlyInAnyOrder(next, other).doesNotContain(mined);
    }
}
