package org.powchain.sim;

import java.util.List;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Keys;

/**
 * Users sending coins: {@code perBlock} transactions per expected block interval, each signed for
 * real and handed to one node's mempool, from where the node relays it as it would any transaction.
 * By default they go back and forth between the demo accounts A and B (so neither runs dry),
 * entering at the first node.
 */
final class TransactionLoad {
    private final Simulation sim;
    private final long everyMicros;
    private final List<SimNode> entries;
    private final List<Keys> payers;
    private final List<Keys> payees;
    private boolean running;
    private long sent;

    TransactionLoad(Simulation sim, int perBlock, double blockIntervalSeconds) {
        this(sim, perBlock, blockIntervalSeconds, List.of(sim.nodes().get(0)), List.of(Keys.demo("A"), Keys.demo("B")),
                List.of(Keys.demo("B"), Keys.demo("A")));
    }

    /**
     * Payment i goes from {@code payers[i mod n]} to {@code payees[i mod n]} and enters at
     * {@code entries[i mod m]}, so a partitioned side's users can be kept on their side.
     */
    TransactionLoad(Simulation sim, int perBlock, double blockIntervalSeconds, List<SimNode> entries, List<Keys> payers,
                    List<Keys> payees) {
        if (perBlock < 1 || entries.isEmpty() || payers.isEmpty() || payers.size() != payees.size()) {
            throw new IllegalArgumentException("at least one transaction per block, an entry node, and a payee per payer");
        }
        this.sim = sim;
        this.everyMicros = Math.max(1, (long) (blockIntervalSeconds * 1e6 / perBlock));
        this.entries = List.copyOf(entries);
        this.payers = List.copyOf(payers);
        this.payees = List.copyOf(payees);
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
        SimNode entry = entries.get((int) (sent % entries.size()));
        Keys from = payers.get((int) (sent % payers.size()));
        Keys to = payees.get((int) (sent % payees.size()));
        try {
            entry.mempool().addTransfer(from, to.address(), 1);
            sent++;
        } catch (RuleViolation full) {
            // the mempool is full or the sender is out of coins for now: this user waits for the next interval
        }
        sim.scheduler().after(everyMicros, this::send);
    }
}
