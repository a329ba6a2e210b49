package org.powchain.sim;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: a queue of events run one at a time, in order of time and, at the same time, in
 * the order they were scheduled. Nothing runs concurrently and nothing reads the wall clock, so a
 * run with the same seed repeats exactly. Time is kept in microseconds (a block crossing a fast
 * link takes well under a millisecond); {@link #millis()} is the clock the nodes read.
 */
public final class EventScheduler {
    private record Event(long at, long seq, Runnable action) {}

    private final PriorityQueue<Event> queue = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long nowMicros;
    private long seq;
    private long executed;

    /** @param startMillis the virtual time the run starts at (milliseconds since the epoch) */
    public EventScheduler(long startMillis) {
        this.nowMicros = startMillis * 1_000;
    }

    public long micros() {
        return nowMicros;
    }

    /** The clock every simulated node is given. */
    public long millis() {
        return nowMicros / 1_000;
    }

    public void at(long micros, Runnable action) {
        queue.add(new Event(Math.max(micros, nowMicros), seq++, action));
    }

    public void after(long delayMicros, Runnable action) {
        at(nowMicros + delayMicros, action);
    }

    /** Runs events until {@code done} is true after one, or none are left; false if none were left. */
    public boolean runUntil(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            Event e = queue.poll();
            if (e == null) {
                return false;
            }
            nowMicros = e.at;
            executed++;
            e.action.run();
        }
        return true;
    }

    /** Runs every event due at or before {@code micros}, then sets the clock to it. */
    public void runTo(long micros) {
        while (!queue.isEmpty() && queue.peek().at <= micros) {
            Event e = queue.poll();
            nowMicros = e.at;
            executed++;
            e.action.run();
        }
        nowMicros = Math.max(nowMicros, micros);
    }

    /** Events waiting to run. */
    public int pending() {
        return queue.size();
    }

    /** Events run so far: a measure of the simulation's work. */
    public long executed() {
        return executed;
    }
}
