package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.chain.InterceptedStore;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.Target;
import org.powchain.core.Transaction;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;

/** The saved mempool follows the chain: mined transactions leave it, a reorg's undone ones come back. */
@Tag("unit")
class MempoolJournalListenerTest {
    final ChainBuilder builder = new ChainBuilder();
    final MemoryStore store = new MemoryStore();
    final Transaction t1 = Transaction.signed(builder.network(), Keys.demo("A"), Keys.demo("B").address(), 5, 0, 0);
    final Transaction t2 = Transaction.signed(builder.network(), Keys.demo("B"), Keys.demo("A").address(), 7, 0, 0);

    @Test
    void minedTransactionsLeaveAndThoseOfADisconnectedBlockComeBack() throws Exception {
        ChainManager chain = builder.newChain(store);
        chain.addListener(new MempoolJournalListener(store.mempool()));
        store.mempool().add(t1);
        store.mempool().add(t2);
        Block parent = chain.queries().tipBlock();

        Block a = builder.child(parent, t1);
        chain.process(a);
        assertThat(store.mempool().load()).containsExactly(t2);

        List<Block> b = builder.extend(parent, 2); // more work, without t1: the reorg undoes a
        chain.process(b.get(0));
        chain.process(b.get(1));
        assertThat(chain.queries().tipNode().hash()).isEqualTo(b.get(1).hash());
        assertThat(store.mempool().load()).containsExactlyInAnyOrder(t1, t2);
    }

    /** A kill between the two writes must not lose t1: it is saved again before its block is undone. */
    @Test
    void aBlocksTransactionsAreSavedBeforeTheBlockIsDisconnected() throws Exception {
        List<List<Transaction>> savedAtDisconnect = new ArrayList<>();
        ChainStore watched = InterceptedStore.around(store, write -> {
            if (write.equals("disconnect")) {
                savedAtDisconnect.add(store.mempool().load());
            }
        });
        ChainManager chain = ChainManager.open(builder.params(), watched, new SignatureVerifier(100), builder::now,
                new MempoolJournalListener(store.mempool()));
        Block parent = chain.queries().tipBlock();
        chain.process(builder.child(parent, t1));
        List<Block> b = builder.extend(parent, 2);
        chain.process(b.get(0));
        chain.process(b.get(1));

        assertThat(savedAtDisconnect).hasSize(1);
        assertThat(savedAtDisconnect.get(0)).contains(t1);
    }

    /** A crash left a branch with more work stored but not connected: opening finishes the reorg, and t1 comes back. */
    @Test
    void aReorgFinishedWhenTheChainIsOpenedGivesItsTransactionsBackToo() throws Exception {
        ChainManager before = builder.newChain(store);
        Block parent = before.queries().tipBlock();
        before.process(builder.child(parent, t1));
        BigInteger work = before.queries().node(parent.hash()).orElseThrow().chainWork();
        int height = builder.height(parent);
        for (Block b : builder.extend(parent, 2)) { // stored as a crash would leave them: never connected
            work = work.add(Target.work(b.header().bits()));
            store.blocks().putBlock(b, ++height, work);
        }

        ChainManager after = ChainManager.open(builder.params(), store, new SignatureVerifier(100), builder::now,
                new MempoolJournalListener(store.mempool()));

        assertThat(after.queries().height()).isEqualTo(height);
        assertThat(store.mempool().load()).containsExactly(t1);
    }
}
