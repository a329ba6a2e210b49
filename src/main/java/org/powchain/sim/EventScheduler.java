package org.powchain.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Virtual time: a queue of events run in order of time. Nothing reads the wall clock, so a run
 * with the same seed repeats exactly. Time is kept in microseconds (a block crossing a fast link
 * takes well under a millisecond); {@link #millis()} is the clock the nodes read.
 *
 * <p>Every event has an owner: a node (its index) or {@link #GLOBAL} (a scenario's step, a miner
 * finding a block). It runs one of two ways, chosen before the first event:
 * <ul>
 *   <li><b>in order</b> (the default): one event at a time, by time and, at the same time, in the
 *       order they were scheduled. Owners are not looked at.</li>
 *   <li><b>in lanes</b> ({@link #useLanes}): the nodes are shared out into lanes, and the lanes
 *       run side by side on {@code threads} threads, a window of virtual time at a time; each
 *       node's events run in its lane, in order. A window is as long as the <i>lookahead</i> ({@link #setLookahead}), the least time
 *       any message takes between two nodes: nothing one node does in a window can reach another
 *       before the window ends, so within it the nodes are independent and their order does not
 *       matter (the conservative scheme of Chandy and Misra, with the synchronous windows of
 *       Lubachevsky). A global event runs alone, between windows, with every node's lane stopped.
 *       At the same time, events run global ones first, then by who scheduled them and in what
 *       order, which does not depend on how the lanes were spread over threads: a run in lanes
 *       gives the same result on any number of threads.</li>
 * </ul>
 * In lanes, a node's event may schedule events for itself at any time, and for another node or
 * for {@link #GLOBAL} only at or after the window's end; anything sooner means the lookahead was
 * wrong, and the run stops with an {@link IllegalStateException} rather than give a wrong answer.
 */
public final class EventScheduler implements AutoCloseable {
    /** The owner of an event that belongs to no node. */
    public static final int GLOBAL = -1;

    /**
     * @param creator who scheduled it (a node, or {@link #GLOBAL}) and {@code seq} how many it had scheduled
     *                before; in order, creator and owner are 0 and seq counts every event
     * @param owner   where it runs: at the same time, {@link #GLOBAL}'s events come first
     */
    private record Event(long at, int creator, long seq, int owner, Runnable action) {}

    private static final Comparator<Event> ORDER = (a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
            : a.owner != b.owner && (a.owner == GLOBAL || b.owner == GLOBAL) ? (a.owner == GLOBAL ? -1 : 1)
            : a.creator != b.creator ? Integer.compare(a.creator, b.creator) : Long.compare(a.seq, b.seq);

    /** A share of the nodes ({@link #laneOf}), their events, and the clock and owner of the one running now. */
    private static final class Lane {
        final int index;
        final PriorityQueue<Event> queue = new PriorityQueue<>(ORDER);
        final List<List<Event>> outbox = new ArrayList<>(); // events for other lanes, handed over at the window's end
        final List<Event> globalOut = new ArrayList<>();
        long now;
        long executed;
        long windowEnd;
        int owner = GLOBAL;
        boolean inWindow;
        Throwable failure;

        Lane(int index, int lanes) {
            this.index = index;
            for (int i = 0; i < lanes; i++) {
                outbox.add(new ArrayList<>());
            }
        }
    }

    /** A thread that runs lanes; {@code lane} is the one it runs now. */
    private static final class LaneThread extends Thread {
        Lane lane;

        LaneThread(int i, Runnable loop) {
            super(loop, "sim-lanes-" + i);
            setDaemon(true);
        }
    }

    /** Lanes per thread: a window's work comes in bursts at a few nodes, and small shares even it out. */
    private static final int LANES_PER_THREAD = 16;

    /** The caller's context outside windows: global events, and the clock the scenario reads. */
    private final Lane global = new Lane(-1, 0);
    private final PriorityQueue<Event> globalQueue = new PriorityQueue<>(ORDER);
    private Lane[] lanes = {new Lane(0, 1)};
    private boolean inLanes;
    private long lookahead;
    private long[] seqs = new long[1]; // per creator (index + 1): how many events it has scheduled
    private long seq;
    /** The caller thread's context: {@link #global}, or the lane it runs during a window. */
    private Lane callerContext = global;
    private LaneThread[] threads = new LaneThread[0];
    private int threadCount = 1;
    /** A window: its number, the next lane to take, and how many are done. */
    private volatile long generation;
    private final AtomicInteger nextLane = new AtomicInteger();
    private final AtomicInteger lanesDone = new AtomicInteger();
    private volatile boolean closed;
    /**
     * While a run goes on, the threads wait for the next window spinning: windows come every few hundred
     * microseconds, and waking a parked thread takes a good share of that. Between runs they park.
     */
    private volatile boolean running;

    /** @param startMillis the virtual time the run starts at (milliseconds since the epoch) */
    public EventScheduler(long startMillis) {
        global.now = startMillis * 1_000;
    }

    /**
     * Runs nodes' events in lanes on {@code threads} threads (see the class comment); before any
     * event is scheduled. With a lookahead of 0 (the default) the lanes still decide the order, but
     * run one event at a time on the caller's thread.
     */
    public void useLanes(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1: got " + threads);
        }
        if (seq > 0 || Arrays.stream(seqs).anyMatch(s -> s > 0)) {
            throw new IllegalStateException("lanes are chosen before the first event is scheduled");
        }
        inLanes = true;
        threadCount = threads;
        int n = threads == 1 ? 1 : threads * LANES_PER_THREAD;
        lanes = new Lane[n];
        for (int i = 0; i < n; i++) {
            lanes[i] = new Lane(i, n);
        }
    }

    public boolean inLanes() {
        return inLanes;
    }

    /** The least time, in microseconds, that anything a node does takes to reach another node. */
    public void setLookahead(long micros) {
        this.lookahead = Math.max(0, micros);
    }

    /** Makes room for node {@code owner}'s events; before the run, as nodes are added. */
    public void register(int owner) {
        if (owner + 1 >= seqs.length) {
            seqs = Arrays.copyOf(seqs, Math.max(seqs.length * 2, owner + 2));
        }
    }

    private Lane current() {
        return Thread.currentThread() instanceof LaneThread t ? t.lane : callerContext;
    }

    public long micros() {
        return current().now;
    }

    /** The clock every simulated node is given. */
    public long millis() {
        return micros() / 1_000;
    }

    /** A global event at {@code micros} (or now, if that has passed). */
    public void at(long micros, Runnable action) {
        at(GLOBAL, micros, action);
    }

    public void after(long delayMicros, Runnable action) {
        after(GLOBAL, delayMicros, action);
    }

    public void after(int owner, long delayMicros, Runnable action) {
        at(owner, micros() + delayMicros, action);
    }

    /** An event of node {@code owner} (or {@link #GLOBAL}) at {@code micros}, or now if that has passed. */
    public void at(int owner, long micros, Runnable action) {
        Lane here = current();
        long at = Math.max(micros, here.now);
        if (!inLanes) {
            lanes[0].queue.add(new Event(at, 0, seq++, 0, action)); // in order, only time and seq decide
            return;
        }
        Event e = new Event(at, here.owner, seqs[here.owner + 1]++, owner, action);
        if (!here.inWindow) { // the caller's thread, every lane stopped
            queueOf(owner).add(e);
            return;
        }
        if (owner == here.owner) {
            here.queue.add(e);
        } else if (at < here.windowEnd) {
            throw new IllegalStateException("node " + here.owner + " scheduled an event for "
                    + (owner == GLOBAL ? "the whole simulation" : "node " + owner) + " at " + at + " µs, inside the window "
                    + "that ends at " + here.windowEnd + " µs: something reaches another node sooner than the lookahead of "
                    + lookahead + " µs");
        } else if (owner == GLOBAL) {
            here.globalOut.add(e);
        } else {
            Lane to = laneOf(owner);
            (to == here ? here.queue : here.outbox.get(to.index)).add(e);
        }
    }

    /**
     * Nodes go to lanes 16 at a time: per-node counters kept in arrays (here, and the wire's) are
     * then written by one thread at a time per cache line, not by both threads in turn.
     */
    private Lane laneOf(int owner) {
        return lanes[(owner >>> 4) % lanes.length];
    }

    private PriorityQueue<Event> queueOf(int owner) {
        return owner == GLOBAL ? globalQueue : laneOf(owner).queue;
    }

    /** Runs events until {@code done} is true after one, or none are left; false if none were left. */
    public boolean runUntil(BooleanSupplier done) {
        return run(done, Long.MAX_VALUE);
    }

    /** Runs every event due at or before {@code micros}, then sets the clock to it. */
    public void runTo(long micros) {
        run(() -> false, micros);
        global.now = Math.max(global.now, micros);
    }

    /**
     * In lanes, {@code done} is asked after each global event and each window: it should change only
     * in global events (as "this many blocks were mined" does), or at a window's end (as "nothing is pending").
     */
    private boolean run(BooleanSupplier done, long limit) {
        running = true;
        try {
            return runEvents(done, limit);
        } finally {
            running = false;
        }
    }

    private boolean runEvents(BooleanSupplier done, long limit) {
        while (!done.getAsBoolean()) {
            if (!inLanes) {
                Event e = lanes[0].queue.peek();
                if (e == null || e.at > limit) {
                    return e != null;
                }
                lanes[0].queue.poll();
                runHere(global, e);
                continue;
            }
            Event g = globalQueue.peek();
            long first = Long.MAX_VALUE;
            Lane next = null;
            for (Lane l : lanes) {
                Event head = l.queue.peek();
                if (head != null && (next == null || ORDER.compare(head, next.queue.peek()) < 0)) {
                    next = l;
                    first = head.at;
                }
            }
            if (g == null && next == null) {
                return false;
            }
            if (g != null && g.at <= first) {
                if (g.at > limit) {
                    return true;
                }
                runHere(global, globalQueue.poll());
            } else if (first > limit) {
                return true;
            } else if (lookahead == 0) { // no window to share out: the earliest event, here
                runHere(global, next.queue.poll());
            } else {
                long end = Math.min(first + lookahead, limit == Long.MAX_VALUE ? Long.MAX_VALUE : limit + 1);
                runWindow(g == null ? end : Math.min(end, g.at));
            }
        }
        return true;
    }

    private void runHere(Lane context, Event e) {
        context.now = e.at;
        context.owner = e.owner;
        context.executed++;
        e.action.run();
        context.owner = GLOBAL;
    }

    /** Every lane runs its events before {@code end}; the caller's thread and the others take lanes until none is left. */
    private void runWindow(long end) {
        for (Lane l : lanes) {
            l.windowEnd = end;
        }
        startThreads();
        // in this order: a thread still leaving the last window may take lane 0 as soon as nextLane is 0, and count it done
        lanesDone.set(0);
        nextLane.set(0);
        generation++;
        takeLanes(null);
        for (int spins = 0; lanesDone.get() != lanes.length; spins++) {
            if (spins < 100_000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        long last = global.now;
        for (Lane l : lanes) {
            if (l.failure != null) {
                Throwable t = l.failure;
                l.failure = null;
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                if (t instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException("a simulated node failed", t);
            }
            last = Math.max(last, l.now);
            for (Lane to : lanes) {
                List<Event> out = l.outbox.get(to.index);
                if (!out.isEmpty()) {
                    to.queue.addAll(out);
                    out.clear();
                }
            }
            if (!l.globalOut.isEmpty()) {
                globalQueue.addAll(l.globalOut);
                l.globalOut.clear();
            }
        }
        global.now = last;
    }

    /** Takes lanes of this window and runs them until none is left; {@code self} is null on the caller's thread. */
    private void takeLanes(LaneThread self) {
        for (int i = nextLane.getAndIncrement(); i < lanes.length; i = nextLane.getAndIncrement()) {
            Lane lane = lanes[i];
            if (self == null) {
                callerContext = lane;
            } else {
                self.lane = lane;
            }
            try {
                runLane(lane);
            } catch (Throwable t) {
                lane.failure = t; // thrown on the caller's thread, once every lane is done
            } finally {
                if (self == null) {
                    callerContext = global;
                }
                lanesDone.incrementAndGet();
            }
        }
    }

    private static void runLane(Lane lane) {
        Event e = lane.queue.peek();
        if (e == null || e.at >= lane.windowEnd) {
            return;
        }
        lane.inWindow = true;
        try {
            for (; e != null && e.at < lane.windowEnd; e = lane.queue.peek()) {
                lane.queue.poll();
                lane.now = e.at;
                lane.owner = e.owner;
                lane.executed++;
                e.action.run();
            }
        } finally {
            lane.inWindow = false;
            lane.owner = GLOBAL;
        }
    }

    private void startThreads() {
        if (threads.length == threadCount - 1) {
            return;
        }
        threads = new LaneThread[threadCount - 1];
        for (int i = 0; i < threads.length; i++) {
            LaneThread[] self = new LaneThread[1];
            threads[i] = self[0] = new LaneThread(i + 1, () -> threadLoop(self[0]));
            threads[i].start();
        }
    }

    /** A thread of the lanes: waits for a window (spinning while a run goes on), takes lanes until none is left. */
    private void threadLoop(LaneThread self) {
        long seen = 0;
        while (!closed) {
            long g = generation;
            if (g == seen) {
                if (running) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(1_000_000);
                }
                continue;
            }
            seen = g;
            takeLanes(self);
        }
    }

    /** Stops the lanes' threads (a run in lanes on more than one thread must be closed). */
    @Override
    public void close() {
        closed = true;
    }

    /** Events waiting to run. */
    public int pending() {
        int n = globalQueue.size();
        for (Lane l : lanes) {
            n += l.queue.size();
        }
        return n;
    }

    /** Events run so far: a measure of the simulation's work. */
    public long executed() {
        long n = global.executed;
        for (Lane l : lanes) {
            n += l.executed;
        }
        return n;
    }
}
