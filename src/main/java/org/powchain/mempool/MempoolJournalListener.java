package org.powchain.mempool;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.store.MempoolJournal;

/**
 * Keeps the saved mempool in step with the chain, in the order that never loses an acknowledged
 * transaction: a block's transactions are saved again <em>before</em> it is disconnected (they were
 * acknowledged once, and wait to be mined again), and those the new main-chain blocks carry are
 * forgotten <em>after</em> the tip moved. A crash between the two leaves a transaction saved that a
 * block has mined, which costs nothing: the mempool drops it when it reloads.
 */
public final class MempoolJournalListener implements ChainListener {
    private final MempoolJournal journal;

    public MempoolJournalListener(MempoolJournal journal) {
        this.journal = journal;
    }

    @Override
    public Phase phase() {
        return Phase.STATE;
    }

    @Override
    public void beforeDisconnect(Block block) {
        journal.update(List.of(), block.transactions().stream().filter(t -> !t.isCoinbase()).toList());
    }

    @Override
    public void tipChanged(TipChange change) {
        Set<Hash> mined = new HashSet<>();
        change.connected().forEach(b -> b.transactions().forEach(t -> mined.add(t.id())));
        journal.update(mined, List.of());
    }
}
