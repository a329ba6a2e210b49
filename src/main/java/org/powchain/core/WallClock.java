package org.powchain.core;

/**
 * The one place powchain reads the wall clock. Nothing in {@code core} or {@code consensus} calls
 * it: rules take the time as an argument, and only the edges (the node, the CLI, the benchmarks)
 * pass {@code WallClock::millis} in, as the simulator passes its virtual clock.
 *
 * <p>The system property {@code powchain.clockSkewMillis} moves this clock by a fixed amount. The
 * test suite runs its fast tests a second time with the clock ten years ahead, so a test that
 * mixes a fixed clock with the real one fails today, not on the day the calendar reaches it
 * (docs/TESTING.md, "Green on any day"). A node started with it shows how the two-minute
 * future-block rule treats a peer whose clock is wrong.
 */
public final class WallClock {
    /** Read once: the skew is a property of the process, not something that changes under a running node. */
    private static final long SKEW_MILLIS = Long.getLong("powchain.clockSkewMillis", 0L);

    private WallClock() {}

    /** Milliseconds since the epoch, as the node's clock reads them. */
    public static long millis() {
        return System.currentTimeMillis() + SKEW_MILLIS;
    }

    /** How far this process's clock is moved from the system's (0 unless a test or a demo set it). */
    public static long skewMillis() {
        return SKEW_MILLIS;
    }
}
