package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events run in order of time and, at the same time, in the order they were scheduled; in lanes,
 * every node sees the same events in the same order on any number of threads.
 */
@Tag("unit")
class EventSchedulerTest {

    @Test
    void runsEventsByTimeThenBySchedulingOrderIncludingEventsScheduledWhileRunning() {
        EventScheduler s = new EventScheduler(1_000);
        SplittableRandom random = new SplittableRandom(5);
        List<long[]> expected = new ArrayList<>(); // {time, order scheduled}
        List<long[]> ran = new ArrayList<>();
        long[] order = {0};
        Runnable[] schedule = new Runnable[1];
        schedule[0] = () -> {
            long at = Math.max(s.micros(), 1_000_000 + random.nextInt(5_000)); // many ties
            long[] id = {at, order[0]++};
            expected.add(id);
            s.at(at, () -> {
                ran.add(new long[] {s.micros(), id[1]});
                if (random.nextInt(3) == 0 && order[0] < 20_000) {
                    schedule[0].run(); // scheduled from inside an event
                }
            });
        };
        for (int i = 0; i < 5_000; i++) {
            schedule[0].run();
        }
        s.runTo(Long.MAX_VALUE / 2);
        assertThat(ran).hasSize(expected.size());
        for (int i = 1; i < ran.size(); i++) {
            long[] a = ran.get(i - 1);
            long[] b = ran.get(i);
            assertThat(a[0] < b[0] || a[0] == b[0] && a[1] < b[1]).as("event %d after %d", b[1], a[1]).isTrue();
        }
        expected.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        assertThat(ran.stream().map(e -> e[1]).toList()).isEqualTo(expected.stream().map(e -> e[1]).toList());
        assertThat(s.executed()).isEqualTo(expected.size());
        assertThat(s.runUntil(() -> false)).isFalse();
    }

    static final long LOOKAHEAD = 50_000;

    /**
     * A toy network in lanes: each node, at each of its events, logs it, may wake itself up soon
     * and may message others no sooner than the lookahead; a global event every 0.3 s messages a
     * node. What each node logs, and when, is its history.
     */
    static List<List<String>> histories(int threads, int nodes) {
        try (EventScheduler s = new EventScheduler(1_000)) {
            s.useLanes(threads);
            s.setLookahead(LOOKAHEAD);
            List<List<String>> logs = new ArrayList<>();
            List<SplittableRandom> randoms = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                s.register(i);
                logs.add(new ArrayList<>());
                randoms.add(new SplittableRandom(i));
            }
            AtomicInteger runningNodeEvents = new AtomicInteger();
            class Message implements Runnable {
                final int to;
                final String what;

                Message(int to, String what) {
                    this.to = to;
                    this.what = what;
                }

                @Override
                public void run() {
                    runningNodeEvents.incrementAndGet();
                    logs.get(to).add(s.micros() + " " + what);
                    SplittableRandom r = randoms.get(to);
                    if (logs.get(to).size() < 400) {
                        if (r.nextInt(3) == 0) {
                            s.after(to, r.nextInt(2_000), new Message(to, "self after " + what)); // sooner than the lookahead: its own
                        }
                        for (int k = r.nextInt(3); k > 0; k--) {
                            int other = r.nextInt(nodes);
                            s.after(other, LOOKAHEAD + r.nextInt(3) * 10_000, new Message(other, to + ">" + other)); // ties
                        }
                    }
                    runningNodeEvents.decrementAndGet();
                }
            }
            Runnable[] tick = new Runnable[1];
            int[] ticks = {0};
            tick[0] = () -> {
                assertThat(runningNodeEvents.get()).as("a global event runs alone").isZero();
                int n = ticks[0]++ % nodes;
                s.at(n, s.micros(), new Message(n, "global " + ticks[0])); // at the same time: after the global event
                if (ticks[0] < 200) {
                    s.after(300_000, tick[0]);
                }
            };
            s.after(0, tick[0]);
            s.runUntil(() -> s.pending() == 0);
            return logs;
        }
    }

    @Test
    void inLanesEveryNodeSeesTheSameHistoryOnAnyNumberOfThreads() {
        List<List<String>> one = histories(1, 40);
        assertThat(one.stream().mapToInt(List::size).sum()).isGreaterThan(2_000);
        for (List<String> log : one) { // each node's events in order of time
            List<Long> times = log.stream().map(l -> Long.parseLong(l.split(" ")[0])).toList();
            assertThat(times).isSorted();
        }
        assertThat(histories(2, 40)).isEqualTo(one);
        assertThat(histories(3, 40)).isEqualTo(one);
    }

    /** Many windows, few nodes each: a thread leaving one window as the next begins must neither lose nor repeat a lane. */
    @Test
    @Timeout(120)
    void inLanesWindowAfterWindowNoLaneIsLostOrRunTwice() {
        for (int rep = 0; rep < 30; rep++) {
            int nodes = 3 + rep;
            assertThat(histories(2 + rep % 2, nodes)).as("%d nodes", nodes).isEqualTo(histories(1, nodes));
        }
    }

    @Test
    void inLanesAMessageSoonerThanTheLookaheadStopsTheRunSayingSo() {
        try (EventScheduler s = new EventScheduler(1_000)) {
            s.useLanes(2);
            s.setLookahead(LOOKAHEAD);
            s.register(0);
            s.register(1);
            s.at(0, 2_000_000, () -> s.after(1, LOOKAHEAD / 2, () -> { }));
            assertThatThrownBy(() -> s.runUntil(() -> false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node 0 scheduled an event for node 1").hasMessageContaining("lookahead of 50000 µs");
        }
    }

    @Test
    void inLanesRunToStopsAtItsTimeAndRunUntilRightAfterTheGlobalEventThatEndsIt() {
        try (EventScheduler s = new EventScheduler(1_000)) {
            s.useLanes(2);
            s.setLookahead(LOOKAHEAD);
            List<Long> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 10; i++) {
                s.register(i);
                for (long t = 0; t < 20; t++) {
                    long at = 2_000_000 + t * 7_000 + i;
                    s.at(i, at, () -> ran.add(at));
                }
            }
            s.runTo(2_050_000);
            assertThat(ran).allMatch(t -> t <= 2_050_000).hasSize(80); // times 0 to 7 x 7 ms, ten nodes
            assertThat(s.micros()).isEqualTo(2_050_000);
            boolean[] done = {false};
            s.at(2_100_000, () -> done[0] = true);
            assertThat(s.runUntil(() -> done[0])).isTrue();
            assertThat(s.micros()).isEqualTo(2_100_000);
            assertThat(ran).allMatch(t -> t < 2_100_000).hasSize(150); // nothing after the global event, nor at its time
            assertThat(s.runUntil(() -> false)).isFalse();
            assertThat(ran).hasSize(200);
            assertThat(s.executed()).isEqualTo(201);
        }
    }
}
