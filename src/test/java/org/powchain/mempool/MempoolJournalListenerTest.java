package org.powchain.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.store.MemoryStore;

/** The saved mempool follows the chain: mined transactions leave it, a reorg's undone ones come back. */
@Tag("unit")
class MempoolJournalListenerTest {
    final ChainBuilder builder = new ChainBuilder();
    final MemoryStore store = new MemoryStore();
    final ChainManager chain = builder.newChain(store);
    final Transaction t1 = Transaction.signed(builder.network(), Keys.demo("A"), Keys.demo("B").address(), 5, 0, 0);
    final Transaction t2 = Transaction.signed(builder.network(), Keys.demo("B"), Keys.demo("A").address(), 7, 0, 0);

    @Test
    void minedTransactionsLeaveAndThoseOfADisconnectedBlockComeBack() throws Exception {
        chain.addListener(new MempoolJournalListener(store.mempool()));
        store.mempool().add(t1);
        store.mempool().add(t2);
        Block parent = chain.tipBlock();

        Block a = builder.child(parent, t1);
        chain.process(a);
        assertThat(store.mempool().load()).containsExactly(t2);

        List<Block> b = builder.extend(parent, 2); // more work, without t1: the reorg undoes a
        chain.process(b.get(0));
        chain.process(b.get(1));
        assertThat(chain.tipNode().hash()).isEqualTo(b.get(1).hash());
        assertThat(store.mempool().load()).containsExactlyInAnyOrder(t1, t2);
    }
}
