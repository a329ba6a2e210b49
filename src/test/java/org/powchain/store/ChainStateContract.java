package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.LedgerRules;
import org.powchain.core.AccountState;
import org.powchain.core.Block;
import org.powchain.core.LedgerChange;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/** What every {@link ChainState} promises, whatever the engine: steps forward and back, atomically. */
abstract class ChainStateContract extends StoreContract {

    @Test
    void connectWritesTheLedgerAndDisconnectPutsItBack() throws Exception {
        ChainState state = store.state();
        Block g = builder.genesis();
        Block a1 = builder.child(g, Transaction.signed(NET, A, C, 100, 2, 0));
        connect(g, 0);
        connect(a1, 1);

        assertThat(state.tip()).contains(a1.hash());
        assertThat(state.mainChainHash(0)).contains(g.hash());
        assertThat(state.account(A.address())).isEqualTo(new AccountState(898, 1));
        assertThat(state.account(C)).isEqualTo(new AccountState(100, 0));

        state.disconnect(a1.hash(), 1, g.hash());

        assertThat(state.tip()).contains(g.hash());
        assertThat(state.mainChainHash(1)).isEmpty();
        assertThat(state.account(A.address())).isEqualTo(new AccountState(1000, 0));
        assertThat(state.account(C)).isEqualTo(AccountState.EMPTY);
        assertThat(state.ledger()).containsOnlyKeys(A.address(), B.address());
        assertThat(store.blocks().block(a1.hash())).isPresent(); // still stored, now on a side branch
    }

    @Test
    void aConnectThatIsNotOnTheTipChangesNothing() throws Exception {
        Block g = builder.genesis();
        connect(g, 0);
        Block a2 = builder.child(builder.child(g));
        store.blocks().putBlock(a2, 2, Target.work(g.header().bits()));

        assertThatThrownBy(() -> store.state().connect(a2.hash(), 2, new LedgerChange(Map.of(), Map.of(C, new AccountState(1, 0)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.state().tip()).contains(g.hash());
        assertThat(store.state().account(C)).isEqualTo(AccountState.EMPTY);
    }

    @Test
    void onlyTheTipCanBeDisconnected() throws Exception {
        Block g = builder.genesis();
        Block a1 = builder.child(g);
        connect(g, 0);
        connect(a1, 1);

        assertThatThrownBy(() -> store.state().disconnect(g.hash(), 0, g.hash())).isInstanceOf(IllegalStateException.class);
        assertThat(store.state().tip()).contains(a1.hash());
    }

    @Test
    void aChainOpenedOnTheStoreReorgsLikeOneInMemory() throws Exception {
        ChainManager chain = builder.newChain(store);
        Block a1 = chain.queries().tipBlock();
        Block b1 = builder.child(builder.genesis(), Transaction.signed(NET, A, C, 700, 0, 0));
        chain.process(builder.child(a1, Transaction.signed(NET, A, B.address(), 100, 0, 0)));
        chain.process(b1);
        chain.process(builder.child(b1));

        assertThat(chain.queries().height()).isEqualTo(2);
        assertThat(store.state().tip()).contains(chain.queries().tipNode().hash());
        assertThat(store.state().account(C).balance()).isEqualTo(700);
        assertThat(store.state().account(B.address()).balance()).isEqualTo(1000);
        assertThat(store.blocks().blockIndex()).hasSize(4);
    }

    void connect(Block b, int height) throws Exception {
        store.blocks().putBlock(b, height, Target.work(b.header().bits()).multiply(BigInteger.valueOf(height + 1)));
        store.state().connect(b.hash(), height, LedgerRules.apply(builder.params(), b, height, store.state()::account));
    }
}
