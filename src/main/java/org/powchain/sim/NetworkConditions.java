package org.powchain.sim;

import java.util.Optional;
import java.util.function.Supplier;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.Ledgers;

/**
 * What {@code --latency-matrix}, {@code --loss} and {@code --ledger} ask of every simulated
 * network, whatever the scenario: the runner sets them for the thread that runs a task, and each
 * {@link Simulation} built in that task takes them (its latencies from the matrix, its network's
 * loss, the ledger model its nodes run, through {@link #params}). A scenario needs no flag of its
 * own for them.
 *
 * @param loss   the chance that any one message is lost, 0 to 1 (exclusive)
 * @param ledger the ledger model every node runs ({@link Ledgers}); a scenario's payments are built
 *               through the model's mempool policy, so they are the model's own transactions
 */
public record NetworkConditions(Optional<LatencyMatrix> latencyMatrix, double loss, Ledger ledger) {
    public static final NetworkConditions NONE = new NetworkConditions(Optional.empty(), 0);

    /** In the default ledger model. */
    public NetworkConditions(Optional<LatencyMatrix> latencyMatrix, double loss) {
        this(latencyMatrix, loss, Ledgers.DEFAULT);
    }

    private static final ThreadLocal<NetworkConditions> CURRENT = ThreadLocal.withInitial(() -> NONE);

    public NetworkConditions {
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("--loss must be >= 0 and < 1 (a share of messages): got " + loss);
        }
    }

    /** The node's default consensus rules in the ledger model of the task this thread runs. */
    public static ConsensusParams params() {
        return ConsensusParams.defaults().withLedger(current().ledger());
    }

    /** The conditions of the task this thread runs. */
    public static NetworkConditions current() {
        return CURRENT.get();
    }

    /** Runs {@code task} with these conditions, then restores the thread's. */
    public <T> T during(Supplier<T> task) {
        NetworkConditions before = CURRENT.get();
        CURRENT.set(this);
        try {
            return task.get();
        } finally {
            CURRENT.set(before);
        }
    }
}
