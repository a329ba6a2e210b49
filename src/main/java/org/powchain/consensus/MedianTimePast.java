package org.powchain.consensus;

import java.util.Arrays;

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
}
