package org.powchain.p2p;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainQueries;
import org.powchain.chain.TipChange;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.wire.BlockAnnouncement;
import org.powchain.wire.PeerAddress;

/**
 * Announces each new tip to every healthy peer by sending it whole ({@link BlockAnnouncement}).
 * The chain validated it before the tip moved, so nothing invalid is relayed; each block is
 * announced once (the seen-set), never back to the peer it came from, and not while a sync is
 * catching up (the tip at the end of the sync is announced instead). A peer missing the parent
 * keeps the block as an orphan and syncs from us.
 */
final class BlockRelay implements ChainListener {
    @Override
    public ChainListener.Phase phase() {
        return ChainListener.Phase.NETWORK;
    }

    private final ChainQueries chain;
    private final Fanout fanout;
    private final Map<Hash, PeerAddress> origins;
    private final BooleanSupplier syncing;
    private final Set<Hash> announced = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
            return size() > 10_000;
        }
    }));

    BlockRelay(ChainQueries chain, Fanout fanout, Map<Hash, PeerAddress> origins, BooleanSupplier syncing) {
        this.chain = chain;
        this.fanout = fanout;
        this.origins = origins;
        this.syncing = syncing;
    }

    @Override
    public void tipChanged(TipChange change) {
        if (!syncing.getAsBoolean()) {
            announce(change.newTip().hash());
        }
    }

    void announceTip() {
        announce(chain.tipNode().hash());
    }

    private void announce(Hash hash) {
        if (!announced.add(hash)) {
            return;
        }
        Optional<Block> block = chain.block(hash);
        if (block.isEmpty()) {
            return;
        }
        fanout.send(() -> new BlockAnnouncement(block.get()), origins.get(hash));
    }
}
