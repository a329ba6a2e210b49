package org.powchain.p2p;

import java.util.Map;
import java.util.function.Consumer;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.mempool.Mempool;
import org.powchain.wire.PeerAddress;
import org.powchain.wire.TxAnnouncement;

/**
 * Passes each transaction the mempool newly admits (so validated, and never twice: the mempool
 * refuses one it holds) to every healthy peer ({@link TxAnnouncement}), except the peer it came from.
 * After a reorg, the losing branch's transactions that went back to the mempool are passed on
 * too: the nodes that were on the winning side never had them. Peers nobody can dial get
 * transactions by pulling the mempool ({@link GetMempool}) instead.
 */
final class TxRelay implements Consumer<Transaction>, ChainListener {
    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.NETWORK;
    }

    private final Fanout fanout;
    private final Map<Hash, PeerAddress> origins;
    private final Mempool mempool;

    TxRelay(Fanout fanout, Map<Hash, PeerAddress> origins, Mempool mempool) {
        this.fanout = fanout;
        this.origins = origins;
        this.mempool = mempool;
    }

    @Override
    public void accept(Transaction tx) {
        fanout.send(() -> new TxAnnouncement(tx), origins.get(tx.id()));
    }

    /** Called after the mempool's own tipChanged (an earlier phase), so it already holds what came back. */
    @Override
    public void tipChanged(TipChange change) {
        for (Block b : change.disconnected()) {
            for (Transaction tx : b.transactions()) {
                if (!tx.isCoinbase() && mempool.get(tx.id()).isPresent()) {
                    accept(tx);
                }
            }
        }
    }
}
