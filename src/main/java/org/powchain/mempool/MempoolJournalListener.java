package org.powchain.mempool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.powchain.chain.ChainListener;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;
import org.powchain.store.MempoolJournal;

/**
 * Keeps the saved mempool in step with the chain: transactions the new main-chain blocks carry are
 * forgotten, those of disconnected blocks are saved again (they were acknowledged once, and wait
 * to be mined again). A crash between a tip change and this write costs nothing worse than what a
 * restart re-checks: mined transactions still saved are dropped when the mempool reloads.
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
    public void tipChanged(TipChange change) {
        Set<Hash> mined = new HashSet<>();
        change.connected().forEach(b -> b.transactions().forEach(t -> mined.add(t.id())));
        List<Transaction> returned = new ArrayList<>();
        for (Block b : change.disconnected()) {
            b.transactions().stream().filter(t -> !t.isCoinbase() && !mined.contains(t.id())).forEach(returned::add);
        }
        journal.update(mined, returned);
    }
}
