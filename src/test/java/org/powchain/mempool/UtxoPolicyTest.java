package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.powchain.mempool.MempoolTest.ruleOf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.chain.UtxoBlockTable;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.CoinSelection;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UnspentOutput;
import org.powchain.core.UtxoTransaction;

/**
 * The UTXO model's mempool policy on a real chain of that model ({@link UtxoBlockTable#params()}:
 * genesis gives A and B 1000 each, a coinbase matures after 3 blocks): a transfer claims the
 * outputs it spends, a chain of unconfirmed spends waits parents first, a second spend is refused
 * by name and replaces nothing, coinbase maturity holds at the next block's height, and the pool
 * follows the chain through blocks and reorgs.
 */
@Tag("unit")
class UtxoPolicyTest {
    static final Keys A = UtxoBlockTable.A;
    static final Keys B = UtxoBlockTable.B;
    static final Keys C = UtxoBlockTable.C;
    static final Keys MINER = UtxoBlockTable.MINER;

    final ChainBuilder builder = new ChainBuilder(UtxoBlockTable.params());
    final NetworkId net = builder.network();
    final ChainManager chain = builder.newChain();
    final Mempool pool = new Mempool(chain.queries(), new SignatureVerifier(1000), 100);
    final OutPoint aCoin = utxo(builder.genesis().transactions().get(0)).outpoint(0);
    final OutPoint bCoin = utxo(builder.genesis().transactions().get(1)).outpoint(0);
    Block tip = builder.genesis();

    {
        chain.addListener(pool);
    }

    static UtxoTransaction utxo(Transaction t) {
        return UtxoLedger.transfer(t);
    }

    static TxOutput to(Keys owner, long amount) {
        return new TxOutput(amount, owner.address());
    }

    /** {@code from} spends {@code spend}, said to hold {@code holding}, into {@code outputs}. */
    UtxoTransaction pay(Keys from, OutPoint spend, long holding, TxOutput... outputs) {
        return UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(spend, holding, from)), List.of(outputs));
    }

    /** Mines the next block on the main chain carrying {@code transfers}; the pool hears of it as a listener. */
    Block mine(Transaction... transfers) throws RuleViolation {
        tip = builder.child(tip, transfers);
        chain.process(tip);
        return tip;
    }

    @Test
    void aUtxoChainGetsTheUtxoPolicy() {
        assertThat(pool.policy()).isInstanceOf(UtxoPolicy.class);
    }

    @Test
    void aChainOfUnconfirmedSpendsWaitsParentsFirstWhateverTheFees() throws Exception {
        UtxoTransaction aToB = pool.add(pay(A, aCoin, 1000, to(B, 300), to(A, 699))); // fee 1
        UtxoTransaction aToC = pool.add(pay(A, aToB.outpoint(1), 699, to(C, 100), to(A, 589))); // fee 10, spends pending change
        UtxoTransaction cOn = pool.add(pay(C, aToC.outpoint(0), 100, to(B, 50))); // fee 50
        UtxoTransaction bPays = pool.add(pay(B, bCoin, 1000, to(C, 995))); // fee 5

        assertThat(pool.selectForBlock(10)).containsExactly(bPays, aToB, aToC, cOn);
        assertThat(pool.selectForBlockBytes(Integer.MAX_VALUE).fees()).isEqualTo(66);
        assertThat(pool.involving(C.address())).containsExactly(aToC, cOn, bPays);
        assertThat(pool.claimant(aToB.outpoint(1))).contains(aToC);
        assertThat(pool.provider(aToC.outpoint(0))).contains(aToC);

        mine(pool.selectForBlock(10).toArray(Transaction[]::new)); // a block carries the template, parents first
        assertThat(chain.queries().isOnMainChain(tip.hash())).isTrue();
        assertThat(pool.all()).isEmpty();
        assertThat(chain.queries().balance(B.address())).isEqualTo(300 + 50);
    }

    @Test
    void aSecondSpendOfAnOutputIsRefusedByNameAndTheFirstStaysWhateverTheSecondPays() throws Exception {
        UtxoTransaction first = pool.add(pay(A, aCoin, 1000, to(B, 1000)));
        UtxoTransaction richer = pay(A, aCoin, 1000, to(C, 500)); // 500 in fees

        assertThatThrownBy(() -> pool.add(richer)).isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("mempool-conflict: output " + aCoin + " is already spent by pending transaction "
                        + first.id());
        assertThat(pool.all()).containsExactly(first);

        // an output nobody has confirmed yet, the same
        UtxoTransaction child = pool.add(pay(B, first.outpoint(0), 1000, to(C, 1000)));
        assertThat(ruleOf(() -> pool.add(pay(B, first.outpoint(0), 1000, to(B, 990))))).isEqualTo(Rule.MEMPOOL_CONFLICT);
        // a transfer spending one free output and one taken takes neither
        UtxoTransaction both = UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(bCoin, 1000, B),
                new UtxoTransaction.Spend(first.outpoint(0), 1000, B)), List.of(to(C, 2000)));
        assertThat(ruleOf(() -> pool.add(both))).isEqualTo(Rule.MEMPOOL_CONFLICT);
        assertThat(pool.all()).containsExactly(first, child);
        assertThat(pool.claimant(bCoin)).isEmpty();
    }

    @Test
    void refusesWhatABlockAtTheNextHeightWouldRefuse() throws Exception {
        assertThat(ruleOf(() -> pool.add(pay(A, new OutPoint(Hash.ZERO, 0), 5, to(B, 5))))).isEqualTo(Rule.INPUT_MISSING_OR_SPENT);
        assertThat(ruleOf(() -> pool.add(pay(A, aCoin, 2000, to(B, 2000))))).isEqualTo(Rule.WRONG_INPUT_AMOUNT);
        assertThat(ruleOf(() -> pool.add(pay(B, aCoin, 1000, to(B, 1000))))).isEqualTo(Rule.KEY_NOT_OWNER);
        assertThat(ruleOf(() -> pool.add(pay(A, aCoin, 1000, to(B, 1001))))).isEqualTo(Rule.OUTPUTS_EXCEED_INPUTS);
        assertThat(ruleOf(() -> pool.add(UtxoTransaction.signed(new NetworkId(net.value() ^ 1),
                List.of(new UtxoTransaction.Spend(aCoin, 1000, A)), List.of(to(B, 1000)))))).isEqualTo(Rule.WRONG_NETWORK);
        UtxoTransaction good = pay(A, aCoin, 1000, to(B, 1000));
        TxInput in = good.inputs().get(0);
        UtxoTransaction forged = UtxoTransaction.of(net, List.of(new TxInput(in.outpoint(), in.amount(), in.publicKey(),
                B.sign(new byte[] {1}))), good.outputs());
        assertThat(ruleOf(() -> pool.add(forged))).isEqualTo(Rule.BAD_SIGNATURE);
        UtxoTransaction twice = UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(aCoin, 1000, A),
                new UtxoTransaction.Spend(aCoin, 1000, A)), List.of(to(B, 2000)));
        assertThat(ruleOf(() -> pool.add(twice))).isEqualTo(Rule.DUPLICATE_INPUT);

        // a pending output holds what its transaction says, belongs to its owner, and exists only at its index
        UtxoTransaction parent = pool.add(good);
        assertThat(ruleOf(() -> pool.add(pay(B, parent.outpoint(0), 999, to(C, 999))))).isEqualTo(Rule.WRONG_INPUT_AMOUNT);
        assertThat(ruleOf(() -> pool.add(pay(C, parent.outpoint(0), 1000, to(C, 1000))))).isEqualTo(Rule.KEY_NOT_OWNER);
        assertThat(ruleOf(() -> pool.add(pay(B, new OutPoint(parent.txid(), 1), 1, to(C, 1)))))
                .isEqualTo(Rule.INPUT_MISSING_OR_SPENT);
        assertThat(pool.all()).containsExactly(parent);
    }

    @Test
    void aCoinbaseOutputWaitsUntilItMaturesAtTheNextBlocksHeight() throws Exception {
        UtxoTransaction coinbase = utxo(mine().transactions().get(0)); // height 1
        long reward = coinbase.outputs().get(0).amount();
        UtxoTransaction spendIt = pay(MINER, coinbase.outpoint(0), reward, to(C, reward));

        mine(); // height 2: the next block is 3, two after the coinbase's
        assertThatThrownBy(() -> pool.add(spendIt)).hasMessageStartingWith("immature-coinbase");
        assertThat(UtxoPolicy.spendable(pool, MINER.address())).doesNotContainKey(coinbase.outpoint(0));
        mine(); // height 3: the next block is 4, three after: mature
        assertThat(UtxoPolicy.spendable(pool, MINER.address())).containsKey(coinbase.outpoint(0));
        assertThat(pool.add(spendIt)).isEqualTo(spendIt);
        mine(spendIt);
        assertThat(pool.all()).isEmpty();
        assertThat(chain.queries().balance(C.address())).isEqualTo(reward);
    }

    @Test
    void aBlockTakesWhatItMinedKeepsTheirChildrenAndDropsWhatItsDoubleSpendsMadeImpossible() throws Exception {
        UtxoTransaction aToB = pool.add(pay(A, aCoin, 1000, to(B, 400), to(A, 600)));
        UtxoTransaction child = pool.add(pay(B, aToB.outpoint(0), 400, to(C, 400)));
        UtxoTransaction bToC = pool.add(pay(B, bCoin, 1000, to(C, 1000)));
        UtxoTransaction bToCsChild = pool.add(pay(C, bToC.outpoint(0), 1000, to(A, 1000)));
        UtxoTransaction grandchild = pool.add(pay(C, child.outpoint(0), 400, to(A, 400)));

        // the block mines aToB, and another spend of B's coin that never reached this pool
        mine(aToB, pay(B, bCoin, 1000, to(B, 1000)));

        assertThat(pool.all()).containsExactly(child, grandchild).doesNotContain(aToB, bToC, bToCsChild);
        assertThat(pool.selectForBlock(10)).containsExactly(child, grandchild);
    }

    @Test
    void aReorgBringsBackAChainOfSpendsSpreadOverTwoBlocksParentsFirst() throws Exception {
        UtxoTransaction aToB = pay(A, aCoin, 1000, to(B, 400), to(A, 600));
        UtxoTransaction bToC = pay(B, aToB.outpoint(0), 400, to(C, 400));
        mine(aToB);
        mine(bToC);
        UtxoTransaction pending = pool.add(pay(C, bToC.outpoint(0), 400, to(A, 390))); // spends a confirmed output

        // a longer branch from genesis carrying none of them
        List<Block> side = builder.extend(builder.genesis(), 3);
        for (Block b : side) {
            chain.process(b);
        }
        tip = side.get(2);
        assertThat(chain.queries().reorgCount()).isEqualTo(1);

        assertThat(pool.all()).containsExactly(aToB, bToC, pending);
        assertThat(pool.selectForBlock(10)).containsExactly(aToB, bToC, pending);
        mine(pool.selectForBlock(10).toArray(Transaction[]::new));
        assertThat(pool.all()).isEmpty();
        assertThat(chain.queries().balance(A.address())).isEqualTo(600 + 390);
    }

    @Test
    void aReorgToABranchThatSpentTheSameOutputElsewhereDropsTheSpendAndItsChildren() throws Exception {
        UtxoTransaction aToB = pay(A, aCoin, 1000, to(B, 1000));
        mine(aToB);
        UtxoTransaction onward = pool.add(pay(B, aToB.outpoint(0), 1000, to(C, 1000)));

        Block s1 = builder.child(builder.genesis(), pay(A, aCoin, 1000, to(C, 1000))); // A's coin to C instead
        List<Block> side = new ArrayList<>(List.of(s1));
        side.addAll(builder.extend(s1, 1));
        for (Block b : side) {
            chain.process(b);
        }

        assertThat(chain.queries().reorgCount()).isEqualTo(1);
        assertThat(pool.all()).isEmpty();
        assertThat(pool.get(onward.id())).isEmpty();
        assertThat(chain.queries().balance(C.address())).isEqualTo(1000);
    }

    @Test
    void aTemplateBuiltBeforeThePoolHearsOfABlockLeavesOutWhatTheBlockMinedOrMadeImpossible() throws Exception {
        ChainManager lagging = builder.newChain();
        Mempool notYetTold = new Mempool(lagging.queries(), new SignatureVerifier(1000), 100);
        UtxoTransaction aToB = notYetTold.add(pay(A, aCoin, 1000, to(B, 400), to(A, 600)));
        UtxoTransaction child = notYetTold.add(pay(B, aToB.outpoint(0), 400, to(C, 400)));
        UtxoTransaction doomed = notYetTold.add(pay(B, bCoin, 1000, to(C, 1000)));
        UtxoTransaction doomedsChild = notYetTold.add(pay(C, doomed.outpoint(0), 1000, to(A, 1000)));
        lagging.process(builder.child(builder.genesis(), aToB, pay(B, bCoin, 1000, to(A, 1000))));

        assertThat(notYetTold.selectForBlock(10)).containsExactly(child).doesNotContain(aToB, doomed, doomedsChild);
        assertThat(notYetTold.all()).hasSize(4);
    }

    @Test
    void spendableCoinsAreTheConfirmedOnesNobodyPendingSpendsAndThePendingChange() throws Exception {
        assertThat(UtxoPolicy.spendable(pool, A.address())).containsOnlyKeys(aCoin);
        UtxoTransaction aToB = pool.add(pay(A, aCoin, 1000, to(B, 300), to(A, 700)));
        Map<OutPoint, UnspentOutput> mine = UtxoPolicy.spendable(pool, A.address());
        assertThat(mine).containsOnlyKeys(aToB.outpoint(1)); // the change, pending
        assertThat(mine.get(aToB.outpoint(1)).amount()).isEqualTo(700);
        assertThat(UtxoPolicy.spendable(pool, B.address())).containsOnlyKeys(bCoin, aToB.outpoint(0));
        pool.add(pay(B, aToB.outpoint(0), 300, to(C, 300)));
        assertThat(UtxoPolicy.spendable(pool, B.address())).containsOnlyKeys(bCoin);
    }

    @Test
    void concurrentPaymentsFromOneCoinChainOffEachOthersChangeAndNoneIsRefused() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    payFromSpendable(A, B.address(), 10);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS); // rethrows a refusal, if any
        }
        threads.shutdown();
        assertThat(pool.all()).hasSize(20);
        assertThat(UtxoPolicy.spendable(pool, A.address()).values()).singleElement()
                .extracting(UnspentOutput::amount).isEqualTo(800L);
        mine(pool.selectForBlock(100).toArray(Transaction[]::new));
        assertThat(pool.all()).isEmpty();
        assertThat(chain.queries().balance(B.address())).isEqualTo(1200);
    }

    /** What {@code addtx} does on a UTXO node: the largest spendable coins, change back, built again if raced. */
    UtxoTransaction payFromSpendable(Keys from, Address to, long amount) throws RuleViolation {
        return pool.addBuilt(() -> CoinSelection.pay(net, from, CoinSelection.largestFirst(
                UtxoPolicy.spendable(pool, from.address()), amount, CoinSelection.Policy.DEFAULT).orElseThrow(), to));
    }
}
