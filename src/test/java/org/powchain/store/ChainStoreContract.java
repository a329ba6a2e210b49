package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.LedgerRules;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.LedgerChange;
import org.powchain.core.NetworkId;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * What every {@link ChainStore} promises, run against each implementation: the memory store the
 * tests use and the SQLite store nodes use must behave the same.
 */
abstract class ChainStoreContract {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Address C = Keys.demo("C").address();

    final ChainBuilder builder = new ChainBuilder();
    final NetworkId NET = builder.network();
    ChainStore store;

    abstract ChainStore newStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void keepsEveryBlockWithItsHeightAndWorkInTheOrderTheyArrived() {
        Block g = builder.genesis();
        Block a1 = builder.child(g, Transaction.signed(NET, A, B.address(), 5, 1, 0));
        Block b1 = builder.child(g);
        var work = Target.work(g.header().bits());
        store.putBlock(g, 0, work);
        store.putBlock(b1, 1, work.shiftLeft(1));
        store.putBlock(a1, 1, work.shiftLeft(1));
        store.putBlock(a1, 1, work.shiftLeft(1)); // a duplicate changes nothing

        assertThat(store.blockIndex()).extracting(ChainStore.IndexEntry::hash).containsExactly(g.hash(), b1.hash(), a1.hash());
        assertThat(store.blockIndex().get(2)).satisfies(e -> {
            assertThat(e.header()).isEqualTo(a1.header());
            assertThat(e.height()).isEqualTo(1);
            assertThat(e.chainWork()).isEqualTo(work.shiftLeft(1));
        });
        assertThat(store.block(a1.hash()).orElseThrow().transactions()).isEqualTo(a1.transactions());
        assertThat(store.block(builder.child(a1).hash())).isEmpty();
    }

    @Test
    void connectWritesTheLedgerAndDisconnectPutsItBack() throws Exception {
        Block g = builder.genesis();
        Block a1 = builder.child(g, Transaction.signed(NET, A, C, 100, 2, 0));
        connect(g, 0);
        connect(a1, 1);

        assertThat(store.tip()).contains(a1.hash());
        assertThat(store.mainChainHash(0)).contains(g.hash());
        assertThat(store.account(A.address())).isEqualTo(new AccountState(898, 1));
        assertThat(store.account(C)).isEqualTo(new AccountState(100, 0));
        assertThat(store.undo(a1.hash()).orElseThrow().before()).containsEntry(C, AccountState.EMPTY);

        store.disconnect(a1.hash(), 1, g.hash());

        assertThat(store.tip()).contains(g.hash());
        assertThat(store.mainChainHash(1)).isEmpty();
        assertThat(store.account(A.address())).isEqualTo(new AccountState(1000, 0));
        assertThat(store.account(C)).isEqualTo(AccountState.EMPTY);
        assertThat(store.ledger()).containsOnlyKeys(A.address(), B.address());
        assertThat(store.block(a1.hash())).isPresent(); // still stored, now on a side branch
    }

    @Test
    void aConnectThatIsNotOnTheTipChangesNothing() throws Exception {
        Block g = builder.genesis();
        connect(g, 0);
        Block a2 = builder.child(builder.child(g));
        store.putBlock(a2, 2, Target.work(g.header().bits()));

        assertThatThrownBy(() -> store.connect(a2.hash(), 2, new LedgerChange(Map.of(), Map.of(C, new AccountState(1, 0)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.tip()).contains(g.hash());
        assertThat(store.account(C)).isEqualTo(AccountState.EMPTY);
    }

    @Test
    void forgetsASideBranchBlockButNeverAMainChainOne() throws Exception {
        Block g = builder.genesis();
        connect(g, 0);
        Block b1 = builder.child(g);
        store.putBlock(b1, 1, Target.work(g.header().bits()));

        store.deleteBlock(b1.hash());

        assertThat(store.block(b1.hash())).isEmpty();
        assertThat(store.blockIndex()).hasSize(1);
        assertThatThrownBy(() -> store.deleteBlock(g.hash())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void savedTransactionsLeaveWhenMinedAndComeBackWhenTheirBlockIsDisconnected() throws Exception {
        Block g = builder.genesis();
        connect(g, 0);
        Transaction t1 = Transaction.signed(NET, A, C, 1, 0, 0);
        Transaction t2 = Transaction.signed(NET, A, C, 1, 0, 1);
        Transaction t3 = Transaction.signed(NET, B, C, 1, 0, 0);
        store.addMempoolTx(t2);
        store.addMempoolTx(t1);
        store.addMempoolTx(t3);
        store.addMempoolTx(t1);
        assertThat(store.loadMempool()).containsExactly(t2, t1, t3);

        Block a1 = builder.child(g, t1, t2);
        connect(a1, 1);
        assertThat(store.loadMempool()).containsExactly(t3);

        store.disconnect(a1.hash(), 1, g.hash());
        assertThat(store.loadMempool()).containsExactlyInAnyOrder(t1, t2, t3);

        store.saveMempool(List.of(t3));
        assertThat(store.loadMempool()).containsExactly(t3);
    }

    @Test
    void aChainOpenedOnTheStoreReorgsLikeOneInMemory() throws Exception {
        ChainManager chain = builder.newChain(store);
        Block a1 = chain.tipBlock();
        Block b1 = builder.child(builder.genesis(), Transaction.signed(NET, A, C, 700, 0, 0));
        chain.process(builder.child(a1, Transaction.signed(NET, A, B.address(), 100, 0, 0)));
        chain.process(b1);
        chain.process(builder.child(b1));

        assertThat(chain.height()).isEqualTo(2);
        assertThat(store.tip()).contains(chain.tipNode().hash());
        assertThat(store.account(C).balance()).isEqualTo(700);
        assertThat(store.account(B.address()).balance()).isEqualTo(1000);
        assertThat(store.blockIndex()).hasSize(4);
    }

    void connect(Block b, int height) throws Exception {
        store.putBlock(b, height, Target.work(b.header().bits()).multiply(java.math.BigInteger.valueOf(height + 1)));
        store.connect(b.hash(), height, LedgerRules.apply(builder.params(), b, height, store::account));
    }
}
