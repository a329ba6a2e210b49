package org.powchain.sim;

import java.util.List;

/** Every scenario {@code powchain simulate} offers, in the order its help lists them: the one list the CLI reads. */
public final class Scenarios {
    private Scenarios() {}

    /** Fresh instances: a scenario holds the flags of one command line. */
    public static List<Scenario<?, ?>> all() {
        return List.of(new NetworkScenario(), new DoubleSpendScenario(), new SelfishMiningScenario(), new DifficultyScenario(),
                new PartitionScenario(), new EclipseScenario());
    }
}
