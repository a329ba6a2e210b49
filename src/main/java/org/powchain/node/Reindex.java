package org.powchain.node;

import org.powchain.core.WallClock;
import java.nio.file.Path;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.store.ChainStore;
import org.powchain.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --reindex}: rebuilds the chain state from the blocks stored in a data dir. Every block
 * that can still be read goes through full validation again, signatures included, into a new
 * database; the ledger, the main chain and the undo data are recomputed rather than trusted. The
 * way out of a damaged database: what is lost is what could not be read, and a node re-fetches
 * that from its peers.
 */
public final class Reindex {
    private static final Logger log = LoggerFactory.getLogger(Reindex.class);

    private Reindex() {}

    /** Rebuilds the store in {@code dataDir} and returns it open (and locked) for the node to run on. */
    public static ChainStore run(Path dataDir, ConsensusParams params) {
        long started = System.nanoTime();
        SqliteStore.Reindexing r = SqliteStore.reindex(dataDir, SqliteStore.Sync.NORMAL, params.ledger());
        ChainStore store = r.store();
        try {
            ChainManager chain = ChainManager.open(params, store, new SignatureVerifier(200_000), WallClock::millis);
            // In storage order, parents come first; a block that still arrives early waits as an orphan.
            for (Block b : r.blocks()) {
                try {
                    chain.process(b);
                } catch (RuleViolation v) {
                    log.debug("reindex: block {} not connected: {}", b.hash(), v.getMessage());
                }
            }
            long kept = r.blocks().stream().filter(b -> chain.queries().node(b.hash()).isPresent()).count();
            store.mempool().replaceAll(r.mempool()); // re-validated when the node starts
            log.info("reindex of {}: {} stored blocks read ({} unreadable), {} valid and kept, {} dropped; main chain"
                            + " rebuilt to height {}; {} saved transactions kept for the mempool; old database kept as {} ({} ms)",
                    dataDir, r.blocks().size(), r.unreadableBlocks(), kept, r.blocks().size() - kept, chain.queries().height(),
                    r.mempool().size(), r.keptAs().map(Path::toString).orElse("(none: there was none)"),
                    (System.nanoTime() - started) / 1_000_000);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }
}
