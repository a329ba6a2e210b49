package org.powchain.p2p;

/**
 * How often the protocol's timers fire: {@link Network#tick()} is called every {@code tickMillis};
 * each peer is greeted every {@code helloEveryMillis}; one random peer is synced with (and its
 * mempool pulled) every {@code syncEveryMillis}, even when nothing was announced.
 */
public record Timings(long tickMillis, long helloEveryMillis, long syncEveryMillis) {
    /** The real node's, set for its 5-second blocks. */
    public static final Timings DEFAULT = new Timings(1_000, 10_000, 5_000);

    /**
     * The default timings stretched to a longer block interval, so the timers keep the same ratio
     * to it as the real node's keep to 5 seconds (the simulator uses this for long intervals).
     */
    public static Timings scaledTo(long blockIntervalMillis) {
        double f = Math.max(1.0, blockIntervalMillis / 5_000.0);
        return new Timings(Math.round(DEFAULT.tickMillis * f), Math.round(DEFAULT.helloEveryMillis * f),
                Math.round(DEFAULT.syncEveryMillis * f));
    }
}
