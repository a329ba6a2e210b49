package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.powchain.mempool.MempoolTest.ruleOf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.TipChange;
import org.powchain.consensus.Rule;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;
import org.powchain.mempool.FakePolicy.Tx;

/**
 * The generic mempool with a fake ledger model ({@link FakePolicy}): conflicts, parents before
 * children, selection by fee rate, eviction, what a tip change takes away and brings back. Nothing
 * here knows accounts or outputs; {@code MempoolTest} and {@code UtxoPolicyTest} show the models.
 */
@Tag("unit")
class MempoolGraphTest {
    final FakePolicy policy = new FakePolicy();
    final Mempool pool = new Mempool(policy, () -> null, 100);

    {
        policy.chain.addAll(List.of("coin1", "coin2", "coin3", "coin4"));
    }

    static Tx tx(String name, long fee, List<Object> spends, List<Object> makes) {
        return Tx.of(name, fee, spends, makes);
    }

    static Block block(Transaction... txs) {
        List<Transaction> list = List.of(txs);
        return new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(list), 0, 0x207fffff, 0), list);
    }

    static TipChange change(List<Block> disconnected, List<Block> connected) {
        return new TipChange(null, null, disconnected, connected);
    }

    @Test
    void aSecondClaimOnTheSameCoinIsRefusedByNameAndReplacesNothing() throws Exception {
        Tx first = pool.add(tx("first", 1, List.of("coin1"), List.of("first:0")));
        Tx richer = tx("richer", 1_000, List.of("coin2", "coin1"), List.of("richer:0"));

        assertThatThrownBy(() -> pool.add(richer)).isInstanceOf(RuleViolation.class)
                .hasMessage("mempool-conflict: richer spends coin1, which pending first spends");
        assertThat(pool.all()).containsExactly(first); // not replaced, whatever the fee
        assertThat(pool.claimant("coin1")).contains(first);
        assertThat(pool.claimant("coin2")).isEmpty();
        assertThat(policy.checked).containsExactly("first"); // refused by the index, before the policy's checks
        assertThat(ruleOf(() -> pool.add(first))).isEqualTo(Rule.ALREADY_KNOWN);
        assertThat(pool.add(tx("other", 1, List.of("coin2"), List.of()))).isNotNull(); // coin2 was never taken
    }

    @Test
    void aChildWaitsForItsParentAndComesAfterItInABlock() throws Exception {
        Tx child = tx("child", 9, List.of("parent:0"), List.of("child:0"));
        assertThat(ruleOf(() -> pool.add(child))).isEqualTo(Rule.INPUT_MISSING_OR_SPENT); // no parent yet
        Tx parent = pool.add(tx("parent", 1, List.of("coin1"), List.of("parent:0", "parent:1")));
        pool.add(child);
        Tx other = pool.add(tx("other", 5, List.of("coin2"), List.of()));
        Tx grandchild = pool.add(tx("grandchild", 20, List.of("child:0", "parent:1"), List.of()));

        // highest fee among the ready: other (5) before parent (1), though child (9) and grandchild (20) pay more
        assertThat(pool.selectForBlock(10)).containsExactly(other, parent, child, grandchild);
        assertThat(pool.selectForBlock(2)).containsExactly(other, parent);
        assertThat(pool.all()).containsExactly(parent, child, other, grandchild);
        assertThat(ruleOf(() -> pool.add(tx("sibling", 3, List.of("parent:0"), List.of())))).isEqualTo(Rule.MEMPOOL_CONFLICT);
    }

    @Test
    void selectionGoesByFeePerByteAndSkipsWhatDoesNotFitWithItsDescendants() throws Exception {
        Tx big = pool.add(tx("big", 10, List.of("coin1"), List.of("big:0")).sized(400)); // 0.025 a byte
        Tx small = pool.add(tx("small", 6, List.of("coin2"), List.of()).sized(100)); // 0.06 a byte
        Tx bigsChild = pool.add(tx("bigsChild", 50, List.of("big:0"), List.of()).sized(100));
        Tx tiny = pool.add(tx("tiny", 1, List.of("coin3"), List.of()).sized(100)); // 0.01 a byte

        assertThat(pool.selectForBlock(10)).containsExactly(small, big, bigsChild, tiny);
        Mempool.Selection fits = pool.selectForBlockBytes(300);
        assertThat(fits.transactions()).containsExactly(small, tiny); // big does not fit, so bigsChild waits too
        assertThat(fits.fees()).isEqualTo(7);
        assertThat(pool.bytes()).isEqualTo(700);
    }

    @Test
    void aFullPoolEvictsTheCheapestLeafNeverAParentAndNeverTheNewcomersOwnParent() throws Exception {
        Mempool three = new Mempool(policy, () -> null, 3);
        Tx parent = three.add(tx("parent", 1, List.of("coin1"), List.of("parent:0")));
        Tx child = three.add(tx("child", 2, List.of("parent:0"), List.of("child:0")));
        Tx other = three.add(tx("other", 4, List.of("coin2"), List.of()));

        // parent pays least but child depends on it: the cheapest leaf is child (2)
        assertThat(ruleOf(() -> three.add(tx("poor", 2, List.of("coin3"), List.of())))).isEqualTo(Rule.MEMPOOL_FULL);
        // a grandchild paying more must not evict its own parent
        assertThatThrownBy(() -> three.add(tx("grandchild", 100, List.of("child:0"), List.of())))
                .hasMessageContaining("is this transaction's parent");
        Tx rich = three.add(tx("rich", 3, List.of("coin3"), List.of()));
        assertThat(three.all()).containsExactly(parent, other, rich).doesNotContain(child);

        // now parent is a leaf, and the cheapest: it goes next
        Tx richer = three.add(tx("richer", 5, List.of("coin4"), List.of()));
        assertThat(three.all()).containsExactly(other, rich, richer);
    }

    @Test
    void removingAParentRemovesEveryDescendantAndCleansEveryIndex() {
        TxGraph g = new TxGraph();
        TxGraph.Entry p = g.add(tx("p", 1, List.of("coin1"), List.of("p:0", "p:1")), 1, List.of("coin1"), List.of("p:0", "p:1"));
        TxGraph.Entry c1 = g.add(tx("c1", 1, List.of("p:0"), List.of("c1:0")), 1, List.of("p:0"), List.of("c1:0"));
        TxGraph.Entry c2 = g.add(tx("c2", 1, List.of("p:1"), List.of()), 1, List.of("p:1"), List.of());
        TxGraph.Entry gc = g.add(tx("gc", 1, List.of("c1:0"), List.of()), 1, List.of("c1:0"), List.of());
        TxGraph.Entry q = g.add(tx("q", 7, List.of("coin2"), List.of()), 7, List.of("coin2"), List.of());
        assertThat(g.ancestors(gc)).containsExactlyInAnyOrder(c1, p);
        assertThat(g.descendants(p)).containsExactly(c1, c2, gc);
        assertThat(g.cheapestLeaf()).contains(gc); // c2 and gc pay the same: the latest arrival goes first

        assertThat(g.removeWithDescendants(p.id())).containsExactly(gc, c2, c1, p); // children before parents
        assertThat(g.entries()).containsExactly(q);
        assertThat(g.claimant("coin1")).isEmpty();
        assertThat(g.claimant("p:0")).isEmpty();
        assertThat(g.provider("c1:0")).isEmpty();
        assertThat(g.cheapestLeaf()).contains(q);
        assertThat(g.bytes()).isEqualTo(100);
        assertThat(g.removeWithDescendants(p.id())).isEmpty();
    }

    @Test
    void aParentTheNewTipInvalidatesTakesItsChildrenWithIt() throws Exception {
        Tx parent = pool.add(tx("parent", 1, List.of("coin1"), List.of("parent:0")));
        pool.add(tx("child", 1, List.of("parent:0"), List.of("child:0")));
        pool.add(tx("grandchild", 1, List.of("child:0"), List.of()));
        Tx other = pool.add(tx("other", 1, List.of("coin2"), List.of()));
        // a block spends coin1 in another transaction
        Tx elsewhere = tx("elsewhere", 1, List.of("coin1"), List.of("elsewhere:0"));
        policy.chain.remove("coin1");
        policy.chain.add("elsewhere:0");
        policy.checked.clear();

        pool.tipChanged(change(List.of(), List.of(block(elsewhere))));

        assertThat(pool.all()).containsExactly(other).doesNotContain(parent);
        // each is asked again, parents first: what a dropped parent made is nowhere, so its descendants go too
        assertThat(policy.checked).containsExactly("parent", "child", "grandchild", "other");
    }

    @Test
    void aReorgBringsBackTheLosingBranchsTransactionsParentsFirstUnlessTheWinnerCarriesThem() throws Exception {
        // the losing branch mined parent, shared and child (spending parent's coin) in two blocks
        Tx parent = tx("parent", 1, List.of("coin1"), List.of("parent:0"));
        Tx shared = tx("shared", 1, List.of("coin2"), List.of("shared:0"));
        Tx child = tx("child", 1, List.of("parent:0"), List.of("child:0"));
        Block lost1 = block(parent, shared);
        Block lost2 = block(child);
        policy.chain.removeAll(List.of("coin1", "coin2"));
        policy.chain.addAll(List.of("child:0", "shared:0"));
        Tx waiting = pool.add(tx("waiting", 1, List.of("child:0"), List.of())); // spends a coin of the losing branch
        Tx unrelated = pool.add(tx("unrelated", 1, List.of("coin3"), List.of()));

        // the winning branch carries shared only
        policy.chain.removeAll(List.of("child:0"));
        policy.chain.add("coin1");
        pool.tipChanged(change(List.of(lost2, lost1), List.of(block(shared))));

        assertThat(pool.all()).containsExactly(parent, child, waiting, unrelated);
        assertThat(pool.selectForBlock(10)).containsExactly(parent, child, waiting, unrelated);
    }

    @Test
    void aReorgDoesNotBringBackWhatConflictsWithTheWinningBranch() throws Exception {
        Tx paid = tx("paid", 1, List.of("coin1"), List.of("paid:0"));
        policy.chain.remove("coin1");
        policy.chain.add("paid:0");
        Tx onward = pool.add(tx("onward", 1, List.of("paid:0"), List.of())); // spends a coin of the losing branch

        Tx doubleSpend = tx("doubleSpend", 1, List.of("coin1"), List.of("doubleSpend:0"));
        policy.chain.remove("paid:0");
        policy.chain.add("doubleSpend:0");
        pool.tipChanged(change(List.of(block(paid)), List.of(block(doubleSpend))));

        assertThat(pool.all()).isEmpty();
        assertThat(pool.get(onward.id())).isEmpty();
    }

    @Test
    void aTemplateBuiltBeforeThePoolHearsOfTheNewTipLeavesOutWhatItMinedOrMadeImpossible() throws Exception {
        Tx parent = pool.add(tx("parent", 1, List.of("coin1"), List.of("parent:0")));
        Tx child = pool.add(tx("child", 1, List.of("parent:0"), List.of()));
        Tx doomed = pool.add(tx("doomed", 1, List.of("coin2"), List.of("doomed:0")));
        Tx doomedsChild = pool.add(tx("doomedsChild", 1, List.of("doomed:0"), List.of()));
        // the chain mines parent, and spends coin2 elsewhere; the pool has not been told yet
        policy.chain.removeAll(List.of("coin1", "coin2"));
        policy.chain.add("parent:0");

        assertThat(pool.selectForBlock(10)).containsExactly(child).doesNotContain(parent, doomed, doomedsChild);
        assertThat(pool.all()).hasSize(4);
    }

    @Test
    void aSavedParentTheChainHasMinedLeavesItsChildPending() {
        // a node killed after a block mined the parent and before its journal forgot it: both come back from disk
        Tx parent = tx("parent", 1, List.of("coin1"), List.of("parent:0"));
        Tx child = tx("child", 1, List.of("parent:0"), List.of());
        policy.chain.remove("coin1");
        policy.chain.add("parent:0");
        pool.readd(List.of(parent, child));
        assertThat(pool.all()).containsExactly(child);
    }

    @Test
    void readdingKeepsOneOfEachAndRefusesForgeries() {
        Tx a = tx("a", 1, List.of("coin1"), List.of("a:0"));
        Tx b = tx("b", 1, List.of("a:0"), List.of());
        Tx forged = tx("forged", 1, List.of("coin2"), List.of("forged:0")).forgedCopy();
        Tx forgedsChild = tx("forgedsChild", 1, List.of("forged:0"), List.of());
        pool.readd(List.of(b, a, a, forged, forgedsChild));
        assertThat(pool.all()).containsExactly(a, b);
    }

    @Test
    void concurrentBuildersNeverClaimTheSameCoinAndNeverLoseARace() throws Exception {
        List<Object> coins = IntStream.range(0, 80).mapToObj(i -> (Object) ("c" + i)).toList();
        policy.chain.addAll(coins);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    String name = "t" + thread + "-" + i;
                    pool.addBuilt(() -> { // the first coin no pending transaction spends
                        Object coin = pool.read((view, tip) -> coins.stream()
                                .filter(c -> view.claimant(c).isEmpty()).findFirst().orElseThrow());
                        return tx(name, 1, List.of(coin), List.of());
                    });
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS); // rethrows a refusal, if any
        }
        threads.shutdown();
        assertThat(pool.all()).hasSize(80);
        assertThat(pool.all()).flatExtracting(t -> FakePolicy.tx(t).spends()).containsExactlyInAnyOrderElementsOf(coins);
    }

    @Test
    void comparesFeeRatesExactlyEvenWhereProductsOverflow64Bits() {
        assertThat(TxGraph.compareRates(Long.MAX_VALUE, 3, Long.MAX_VALUE - 1, 3)).isPositive();
        assertThat(TxGraph.compareRates(Long.MAX_VALUE, 1_000_000, Long.MAX_VALUE, 1_000_001)).isPositive();
        assertThat(TxGraph.compareRates(6, 100, 10, 400)).isPositive();
        assertThat(TxGraph.compareRates(3, 150, 2, 100)).isZero();
    }
}
