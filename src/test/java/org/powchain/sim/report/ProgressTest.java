package org.powchain.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ProgressTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunShorterThanTwoSecondsPrintsNothing() {
        try (Progress p = new Progress("mining", 100, err, true, clock::get)) {
            for (int i = 0; i < 100; i++) {
                clock.addAndGet(SECOND / 100);
                p.step(1);
            }
        }
        assertThat(written()).isEmpty();
    }

    @Test
    void onAConsoleOneLineIsRedrawnInPlace() {
        try (Progress p = new Progress("mining", 1000, err, true, clock::get)) {
            for (int i = 0; i < 1000; i++) {
                clock.addAndGet(SECOND / 100); // 10 s in all
                p.step(1);
            }
        }
        String out = written();
        assertThat(out).startsWith("\rmining [").endsWith("\n").doesNotContain("\n\r");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        // redrawn every 200 ms from the 2 s mark: about 40 times, not 800
        assertThat(out.chars().filter(c -> c == '\r').count()).isBetween(35L, 45L);
        assertThat(out).contains("[###############               ] 50% 500/1000, 5 s, about 5 s left")
                .contains("[##############################] 100% 1000/1000, 10 s, done");
    }

    @Test
    void elsewherePlainLinesComeEveryTenSeconds() {
        try (Progress p = new Progress("trials", 300, err, false, clock::get)) {
            for (int i = 0; i < 300; i++) {
                clock.addAndGet(SECOND / 10); // 30 s in all
                p.stepTo(i + 1);
            }
        }
        assertThat(written()).doesNotContain("\r").doesNotContain("#").isEqualTo(String.join(System.lineSeparator(),
                "trials 7% 20/300, 2 s, about 28 s left",
                "trials 40% 120/300, 12 s, about 18 s left",
                "trials 73% 220/300, 22 s, about 8 s left",
                "trials 100% 300/300, 30 s, done", ""));
    }

    @Test
    void anUnknownTotalShowsTheCount() {
        try (Progress p = new Progress("blocks", 0, err, false, clock::get)) {
            clock.addAndGet(3 * SECOND);
            p.step(42);
        }
        assertThat(written()).startsWith("blocks 42, 3 s").endsWith("blocks 42, 3 s, done" + System.lineSeparator());
    }

    @Test
    void theRealOneWritesNothingToStdout() {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setErr(err);
            try (Progress p = Progress.start("quick", 10)) {
                p.step(10);
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        assertThat(captured.size()).isZero();
        assertThat(written()).isEmpty(); // quicker than the quiet period
    }
}
