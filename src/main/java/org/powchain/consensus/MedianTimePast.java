package org.powchain.consensus;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.powchain.core.BlockHeader;

/**
 * A block's timestamp must be later than the median of the previous 11 blocks' timestamps. The
 * median, unlike the parent's time alone, cannot be dragged around by one miner with a wrong
 * clock, yet it still makes time move forward along the chain.
 */
public final class MedianTimePast {
    private MedianTimePast() {}

    /** Median of {@code timestamps} (most recent last; fewer than 11 near genesis). */
    public static long of(long[] timestamps) {
        if (timestamps.length == 0) {
            throw new IllegalArgumentException("no timestamps");
        }
        long[] sorted = timestamps.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * The median time past a block at {@code height} must beat: the median of the timestamps of the
     * {@code params.medianTimeSpan()} headers below it (fewer near genesis).
     *
     * @param ancestor the header at a given height on the same branch (only heights below {@code height} are asked for)
     */
    public static long before(ConsensusParams params, int height, IntFunction<BlockHeader> ancestor) {
        int n = Math.min(params.medianTimeSpan(), height);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = ancestor.apply(height - n + i).timestamp();
        }
        return of(times);
    }
}
