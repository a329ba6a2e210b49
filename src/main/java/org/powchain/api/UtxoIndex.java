package org.powchain.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainManager;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.TipChange;
import org.powchain.consensus.UtxoLedger;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.UtxoTransaction;

/**
 * A UTXO node's main chain, indexed the two ways the ledger does not keep: a transaction by the
 * {@code txid} outpoints name (the chain and {@link TxIndex} know it by its {@code id}, the hash of
 * every byte), and an output by the transaction that spent it, which the set forgets. What
 * {@code /api/v1/outpoints/{txid}:{index}} answers "spent, by which transaction" from. In memory,
 * built by one scan when the server starts and kept current as a {@link ChainListener}, as
 * {@link TxIndex} is. Thread-safe: every method is synchronized.
 */
final class UtxoIndex implements ChainListener {
    private static final int SCAN_PAGE = 500;

    private final Map<Hash, Hash> idOfTxid = new HashMap<>();
    private final Map<OutPoint, Hash> spentBy = new HashMap<>();

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    /** Registers with {@code chain} first, then scans it, so no block is missed. */
    static UtxoIndex build(ChainManager chain) {
        UtxoIndex index = new UtxoIndex();
        chain.addListener(index);
        ChainQueries q = chain.queries();
        for (int from = 0; ; from += SCAN_PAGE) {
            List<Block> page = q.blocks(from, SCAN_PAGE);
            page.forEach(index::connect);
            if (page.size() < SCAN_PAGE) {
                break;
            }
        }
        return index;
    }

    @Override
    public synchronized void tipChanged(TipChange change) {
        change.disconnected().forEach(this::disconnect);
        change.connected().forEach(this::connect);
    }

    private synchronized void connect(Block block) {
        for (Transaction t : block.transactions()) {
            UtxoTransaction u = UtxoLedger.transfer(t);
            idOfTxid.put(u.txid(), u.id());
            for (TxInput in : u.inputs()) {
                spentBy.put(in.outpoint(), u.id());
            }
        }
    }

    private void disconnect(Block block) {
        for (Transaction t : block.transactions()) {
            UtxoTransaction u = UtxoLedger.transfer(t);
            idOfTxid.remove(u.txid());
            for (TxInput in : u.inputs()) {
                spentBy.remove(in.outpoint(), u.id());
            }
        }
    }

    /** The id of the main-chain transaction whose txid is {@code txid}. */
    synchronized Optional<Hash> idOf(Hash txid) {
        return Optional.ofNullable(idOfTxid.get(txid));
    }

    /** The id of the main-chain transaction that spent {@code outpoint}. */
    synchronized Optional<Hash> spender(OutPoint outpoint) {
        return Optional.ofNullable(spentBy.get(outpoint));
    }
}
