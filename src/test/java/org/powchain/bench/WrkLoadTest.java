package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Reading wrk's summary; wrk itself is not needed (CI does not install it). */
@Tag("unit")
class WrkLoadTest {
    private static final String OUTPUT = """
            Running 5s test @ http://127.0.0.1:41941
              2 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     7.55ms    3.18ms  61.21ms   85.20%
                Req/Sec     1.06k   120.41     1.30k    70.00%
              10726 requests in 5.08s, 4.11MB read
              Non-2xx or 3xx responses: 3
              Socket errors: connect 0, read 1, write 0, timeout 2
            Requests/sec:   2111.42
            Transfer/sec:    828.11KB
            """;

    @Test
    void readsRequestsDurationAndEverythingThatWasNotA200() throws IOException {
        LoadGenerator.Result r = WrkLoad.forTests().parse(OUTPUT);
        assertThat(r.requests()).isEqualTo(10726);
        assertThat(r.seconds()).isEqualTo(5.08);
        assertThat(r.notOk()).isEqualTo(6);
    }

    @Test
    void readsADurationInMilliseconds() throws IOException {
        LoadGenerator.Result r = WrkLoad.forTests().parse("  12 requests in 900.00ms, 1KB read\n");
        assertThat(r.seconds()).isEqualTo(0.9);
        assertThat(r.notOk()).isZero();
    }

    @Test
    void saysWhatItCouldNotRead() {
        assertThatThrownBy(() -> WrkLoad.forTests().parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void findsOnlyExecutablesOnPath() {
        assertThat(WrkLoad.find("sh")).isPresent();
        assertThat(WrkLoad.find("no-such-program-powchain")).isEmpty();
    }
}
