package org.powchain.sim;

import org.powchain.consensus.RuleViolation;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/**
 * Users sending coins: {@code perBlock} transactions per expected block interval, back and forth
 * between the demo accounts A and B (so neither runs dry), each signed for real and handed to one
 * node's mempool, from where the node relays it as it would any transaction.
 */
final class TransactionLoad {
    private final Simulation sim;
    private final long everyMicros;
    private final Keys a = Keys.demo("A");
    private final Keys b = Keys.demo("B");
    private boolean running;
    private long sent;

    TransactionLoad(Simulation sim, int perBlock, double blockIntervalSeconds) {
        this.sim = sim;
        this.everyMicros = Math.max(1, (long) (blockIntervalSeconds * 1e6 / perBlock));
    }

    void start() {
        running = true;
        sim.scheduler().after(everyMicros, this::send);
    }

    void stop() {
        running = false;
    }

    long sent() {
        return sent;
    }

    private void send() {
        if (!running) {
            return;
        }
        SimNode entry = sim.nodes().get(0);
        Keys from = sent % 2 == 0 ? a : b;
        Keys to = from == a ? b : a;
        try {
            entry.mempool().addWithNextNonce(from.address(), nonce -> Transaction.signed(entry.chain().networkId(), from, to.address(), 1, 0, nonce));
            sent++;
        } catch (RuleViolation full) {
            // the mempool is full or the sender is out of coins for now: this user waits for the next block
        }
        sim.scheduler().after(everyMicros, this::send);
    }
}
