package org.powchain.p2p;

import java.util.Map;
import java.util.function.Consumer;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.p2p.PeerStore.PeerAddress;

/**
 * Passes each transaction the mempool newly admits (so validated, and never twice: the mempool
 * refuses one it holds) to every healthy peer's {@code /p2p/tx}, except the peer it came from.
 * Peers nobody can dial get transactions by pulling {@code /p2p/mempool} instead.
 */
final class TxRelay implements Consumer<Transaction> {
    private final Fanout fanout;
    private final Map<Hash, PeerAddress> origins;

    TxRelay(Fanout fanout, Map<Hash, PeerAddress> origins) {
        this.fanout = fanout;
        this.origins = origins;
    }

    @Override
    public void accept(Transaction tx) {
        fanout.send("/p2p/tx", () -> WireFormat.tx(tx), origins.get(tx.id()));
    }
}
