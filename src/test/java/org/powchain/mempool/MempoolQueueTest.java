package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.powchain.mempool.MempoolTest.A;
import static org.powchain.mempool.MempoolTest.B;
import static org.powchain.mempool.MempoolTest.C;
import static org.powchain.mempool.MempoolTest.ruleOf;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.Transaction;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.Rule;
import org.powchain.core.Block;
import org.powchain.core.AccountTransaction;

/** What the mempool tells and answers: admissions heard once, lookups, capacity at its edge, re-checks on a new tip. */
@Tag("unit")
class MempoolQueueTest {
    static final org.powchain.core.NetworkId NET = new org.powchain.chain.ChainBuilder().network();
    final ChainBuilder builder = new ChainBuilder();
    final ChainManager chain = builder.newChain();
    final Mempool mempool = new Mempool(chain.queries(), new SignatureVerifier(1000), 100);

    {
        chain.addListener(mempool);
    }

    @Test
    void listenersHearEachNewAdmissionOnceAndNotRefusalsOrReadmissions() throws Exception {
        List<Transaction> heard = new CopyOnWriteArrayList<>();
        mempool.addAdmittedListener(heard::add);
        AccountTransaction a0 = mempool.add(AccountTransaction.signed(NET, A, C, 10, 0, 0));
        AccountTransaction a1 = AccountPolicy.addWithNextNonce(mempool, A.address(), n -> AccountTransaction.signed(NET, A, C, 10, 0, n));
        assertThat(ruleOf(() -> mempool.add(a0))).isEqualTo(Rule.ALREADY_KNOWN);
        assertThat(heard).containsExactly(a0, a1);

        // a block mines a0 only: a1 stays, re-checked, and is not announced again
        chain.process(builder.child(builder.genesis(), a0));
        assertThat(mempool.all()).containsExactly(a1);
        assertThat(heard).containsExactly(a0, a1);
    }

    @Test
    void findsTransactionsByIdAndByTheAddressesTheyInvolve() throws Exception {
        AccountTransaction aToC = mempool.add(AccountTransaction.signed(NET, A, C, 10, 0, 0));
        AccountTransaction bToA = mempool.add(AccountTransaction.signed(NET, B, A.address(), 20, 0, 0));
        assertThat(mempool.get(aToC.id())).contains(aToC);
        assertThat(mempool.get(builder.genesis().hash())).isEmpty();
        assertThat(mempool.involving(A.address())).containsExactly(aToC, bToA); // sent and received
        assertThat(mempool.involving(C)).containsExactly(aToC);
        assertThat(mempool.involving(ChainBuilder.MINER)).isEmpty();
        assertThat(mempool.size()).isEqualTo(2);
        assertThat(AccountPolicy.nextNonce(mempool, A.address())).isEqualTo(1);
        assertThat(AccountPolicy.nextNonce(mempool, C)).isZero();
    }

    @Test
    void aPoolBelowCapacityEvictsNothingAndAFullOneNeedsAStrictlyHigherFee() throws Exception {
        Mempool three = new Mempool(chain.queries(), new SignatureVerifier(10), 3);
        AccountTransaction a0 = three.add(AccountTransaction.signed(NET, A, C, 1, 1, 0));
        AccountTransaction b0 = three.add(AccountTransaction.signed(NET, B, C, 1, 2, 0));
        AccountTransaction b1 = three.add(AccountTransaction.signed(NET, B, C, 1, 0, 1)); // third of three: room, though it pays nothing
        assertThat(three.all()).containsExactly(a0, b0, b1);

        // full: the cheapest last of a queue is b1 (fee 0); a fee of 0 does not beat it, a fee of 1 does
        assertThat(ruleOf(() -> three.add(AccountTransaction.signed(NET, A, C, 1, 0, 1)))).isEqualTo(Rule.MEMPOOL_FULL);
        AccountTransaction a1 = three.add(AccountTransaction.signed(NET, A, C, 1, 1, 1));
        assertThat(three.all()).containsExactly(a0, b0, a1).doesNotContain(b1);
    }

    @Test
    void aNewTipDropsWhatItMadeInvalid() throws Exception {
        // the mempool holds A's 900 at nonce 0; a block elsewhere spends A's nonce 0 on 500
        AccountTransaction waiting = mempool.add(AccountTransaction.signed(NET, A, C, 900, 0, 0));
        AccountTransaction other = mempool.add(AccountTransaction.signed(NET, B, C, 5, 0, 0));
        Block conflicting = builder.child(builder.genesis(), AccountTransaction.signed(NET, A, B.address(), 500, 0, 0));
        chain.process(conflicting);
        assertThat(mempool.all()).containsExactly(other).doesNotContain(waiting);
    }

    @Test
    void selectsNoMoreThanAsked() throws Exception {
        AccountTransaction a0 = mempool.add(AccountTransaction.signed(NET, A, C, 1, 3, 0));
        AccountTransaction a1 = mempool.add(AccountTransaction.signed(NET, A, C, 1, 2, 1));
        mempool.add(AccountTransaction.signed(NET, A, C, 1, 1, 2));
        assertThat(mempool.selectForBlock(2)).containsExactly(a0, a1);
        assertThat(mempool.selectForBlock(0)).isEmpty();
    }

    @Test
    void refusesMalformedTransactionsWhicheverWayTheyArrive() {
        assertThat(ruleOf(() -> mempool.add(AccountTransaction.signed(NET, A, C, 0, 0, 0)))).isEqualTo(Rule.BAD_AMOUNT);
        assertThat(ruleOf(() -> AccountPolicy.addWithNextNonce(mempool, A.address(), n -> AccountTransaction.signed(NET, A, C, 1, -1, n))))
                .isEqualTo(Rule.BAD_FEE);
        // signed by B for A's account: refused however the nonce was picked
        assertThat(ruleOf(() -> AccountPolicy.addWithNextNonce(mempool, A.address(),
                n -> AccountTransaction.of(NET, A.publicKey(), C, 1, 0, n, B.sign(new byte[] {1}))))).isEqualTo(Rule.BAD_SIGNATURE);
        assertThat(mempool.all()).isEmpty();
    }

    @Test
    void pendingFeesCountAgainstTheBalanceToo() throws Exception {
        mempool.add(AccountTransaction.signed(NET, A, C, 500, 100, 0)); // 600 of A's 1000 pending
        assertThat(ruleOf(() -> mempool.add(AccountTransaction.signed(NET, A, C, 401, 0, 1)))).isEqualTo(Rule.INSUFFICIENT_FUNDS);
        assertThat(mempool.add(AccountTransaction.signed(NET, A, C, 400, 0, 1)).nonce()).isEqualTo(1);
    }

    @Test
    void readdingPutsEachSendersTransactionsBackInNonceOrder() {
        AccountTransaction a0 = AccountTransaction.signed(NET, A, C, 1, 0, 0);
        AccountTransaction a1 = AccountTransaction.signed(NET, A, C, 1, 0, 1);
        AccountTransaction b0 = AccountTransaction.signed(NET, B, C, 1, 0, 0);
        mempool.readd(List.of(a1, b0, a0));
        assertThat(mempool.all()).containsExactlyInAnyOrder(a0, a1, b0);
    }

    @Test
    void readdingChecksEachTransactionAgainBecauseAJournalOnDiskMayHaveBeenTamperedWith() {
        // Node start-up re-adds the mempool journal read from the data dir through readd
        AccountTransaction forged = AccountTransaction.of(NET, A.publicKey(), C, 1, 0, 0, B.sign(new byte[] {1}));
        AccountTransaction nothing = AccountTransaction.signed(NET, B, C, 0, 0, 0);
        AccountTransaction fine = AccountTransaction.signed(NET, B, C, 1, 0, 0);
        mempool.readd(List.of(forged, nothing, fine));
        assertThat(mempool.all()).containsExactly(fine);
    }

    @Test
    void aSenderWhoseOnlyTransactionWasEvictedLeavesNoEmptyQueueBehind() throws Exception {
        Mempool two = new Mempool(chain.queries(), new SignatureVerifier(10), 2);
        two.add(AccountTransaction.signed(NET, A, C, 1, 1, 0));
        AccountTransaction b0 = two.add(AccountTransaction.signed(NET, B, C, 1, 5, 0));
        AccountTransaction b1 = two.add(AccountTransaction.signed(NET, B, C, 1, 3, 1)); // evicts A's only one
        assertThat(two.all()).containsExactly(b0, b1);
        assertThat(two.selectForBlock(10)).containsExactly(b0, b1);
        assertThat(AccountPolicy.nextNonce(two, A.address())).isZero();
        // full again: the pool still finds the cheapest queue's last transaction to compare with
        assertThat(ruleOf(() -> two.add(AccountTransaction.signed(NET, A, C, 1, 2, 0)))).isEqualTo(Rule.MEMPOOL_FULL);
        AccountTransaction a0 = two.add(AccountTransaction.signed(NET, A, C, 1, 4, 0));
        assertThat(two.all()).containsExactly(b0, a0);
    }
}
