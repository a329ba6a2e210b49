package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Events run in order of time and, at the same time, in the order they were scheduled. */
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
}
