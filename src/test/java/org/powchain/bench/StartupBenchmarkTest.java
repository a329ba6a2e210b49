package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The memory figures {@code bench startup} prints for each devnet node, read from {@code /proc}. */
@Tag("unit")
class StartupBenchmarkTest {
    @Test
    void aProcessSharePssIsPositiveAndAtMostItsRss() {
        long pid = ProcessHandle.current().pid();
        long rss = StartupBenchmark.rssKb(pid);
        long pss = StartupBenchmark.pssKb(pid);
        assertThat(rss).as("this JVM's resident kB").isGreaterThan(10_000);
        assertThat(pss).as("its proportional share").isPositive().isLessThanOrEqualTo(rss);
    }

    @Test
    void aProcessThatIsGoneReadsAsMinusOne() {
        assertThat(StartupBenchmark.rssKb(Long.MAX_VALUE)).isEqualTo(-1);
        assertThat(StartupBenchmark.pssKb(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
