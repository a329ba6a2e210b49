package org.powchain.sim;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What {@code --latency-matrix} and {@code --loss} ask of every simulated network, whatever the
 * scenario: the runner sets them for the thread that runs a task, and each {@link Simulation}
 * built in that task takes them (its latencies from the matrix, its network's loss). A scenario
 * needs no flag of its own for them.
 *
 * @param loss the chance that any one message is lost, 0 to 1 (exclusive)
 */
public record NetworkConditions(Optional<LatencyMatrix> latencyMatrix, double loss) {
    public static final NetworkConditions NONE = new NetworkConditions(Optional.empty(), 0);

    private static final ThreadLocal<NetworkConditions> CURRENT = ThreadLocal.withInitial(() -> NONE);

    public NetworkConditions {
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("--loss must be >= 0 and < 1 (a share of messages): got " + loss);
        }
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
