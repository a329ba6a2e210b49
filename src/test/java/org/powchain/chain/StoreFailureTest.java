package org.powchain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.AccountState;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;
import org.powchain.store.StoreException;

/**
 * A write that fails in the middle of a reorg (a full disk, a lost database) leaves the node
 * consistent: what was done is reported, so the mempool gets the disconnected transactions back,
 * and the reorg is finished once the store works again.
 */
@Tag("unit")
class StoreFailureTest {
    final ChainBuilder builder = new ChainBuilder();
    /** Store writes left before one fails; negative: none fails. */
    final AtomicInteger writesBeforeFailure = new AtomicInteger(-1);
    final ChainStore store = failing(new MemoryStore(), writesBeforeFailure);
    final ChainManager chain = builder.newChain(store);
    final List<TipChange> changes = new ArrayList<>();

    /** {@code real}, except that its chain state's connect or disconnect fails when {@code writesLeft} runs out. */
    static ChainStore failing(ChainStore real, AtomicInteger writesLeft) {
        return InterceptedStore.around(real, write -> {
            if (writesLeft.get() >= 0 && writesLeft.getAndDecrement() == 0) {
                throw new StoreException("disk full (test)");
            }
        });
    }

    @Test
    void aReorgInterruptedByTheStoreIsReportedAndFinishedLater() throws Exception {
        chain.addListener(new ChainListener() {
            @Override
            public void tipChanged(TipChange change) {
                changes.add(change);
            }
        });
        AccountTransaction pay = AccountTransaction.signed(builder.network(), Keys.demo("A"), Keys.demo("B").address(), 10, 0, 0);
        Block a1 = builder.child(builder.genesis(), pay);
        chain.process(a1);
        List<Block> a = builder.extend(a1, 1);
        chain.process(a.get(0));
        List<Block> b = builder.extend(builder.genesis(), 3); // more work than a1, a2
        chain.process(b.get(0));
        chain.process(b.get(1));
        changes.clear();

        writesBeforeFailure.set(3); // two disconnects and one connect succeed, the second connect fails
        assertThatThrownBy(() -> chain.process(b.get(2))).isInstanceOf(StoreException.class);

        // what was done is what the listeners heard: a1 and a2 undone, b1 connected
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).disconnected()).containsExactly(a.get(0), a1);
        assertThat(changes.get(0).connected()).containsExactly(b.get(0));
        assertThat(chain.queries().tipNode().hash()).isEqualTo(b.get(0).hash());
        assertThat(store.state().tip().orElseThrow()).isEqualTo(b.get(0).hash());
        assertThat(chain.queries().balance(Keys.demo("A").address())).isEqualTo(1000); // the payment was undone

        // the store works again: the next block that arrives finishes the reorg first
        writesBeforeFailure.set(-1);
        Block b4 = builder.extend(b.get(2), 1).get(0);
        chain.process(b4);
        assertThat(chain.queries().tipNode().hash()).isEqualTo(b4.hash());
        assertThat(chain.queries().height()).isEqualTo(4);
        assertThat(store.state().tip().orElseThrow()).isEqualTo(b4.hash());
    }
}
