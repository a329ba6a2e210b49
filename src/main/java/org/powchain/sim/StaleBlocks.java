package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A result that counts stale blocks: those mined but not on the final main chain, over one or
 * more independent runs. Its JSON adds the stale rate's interval, which comes from the runs: the
 * blocks of one run are not independent trials (an orphan makes the next one likelier, a selfish
 * pool orphans several at once), so the interval is {@link RunsInterval}'s, never a binomial one.
 */
public interface StaleBlocks extends ScenarioResult {
    long mainChainBlocks();

    /** Each run's blocks mined, in run order. */
    @JsonIgnore
    long[] minedPerRun();

    /** Each run's blocks on its final main chain, in run order. */
    @JsonIgnore
    long[] mainPerRun();

    /** Stale blocks as a proportion of blocks mined, 99%, from the runs ({0, 1} with one run). */
    @JsonProperty("staleRateCi99")
    default List<Double> staleRateCi99() {
        long[] mined = minedPerRun();
        long[] stale = new long[mined.length];
        for (int i = 0; i < mined.length; i++) {
            stale[i] = mined[i] - mainPerRun()[i];
        }
        double[] ci = RunsInterval.ratio99(stale, mined);
        return List.of(NetworkScenario.round(ci[1]), NetworkScenario.round(ci[2]));
    }

    @JsonProperty("staleRateCi99Method")
    default String staleRateCi99Method() {
        return minedPerRun().length < 2 ? "none: one run gives no interval (--runs 2 or more)" : RunsInterval.METHOD;
    }

    /** Adds up arrays run by run: the runs of several tasks, in task order. */
    static long[] concat(List<long[]> parts) {
        return parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    }
}
