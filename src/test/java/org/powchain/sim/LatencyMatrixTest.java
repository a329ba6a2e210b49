package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LatencyMatrixTest {
    @Test
    void regionsLatenciesAndWeightsAreRead() {
        LatencyMatrix m = LatencyMatrix.parse("m.txt", List.of("# comment", "      eu   us   asia", "eu  10 45 120",
                "us 45, 15, 90", "", "asia 120 90 25  # far", "nodes 3 2 1"));
        assertThat(m.regions()).containsExactly("eu", "us", "asia");
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6).stream().map(m::region)).containsExactly(0, 0, 0, 1, 1, 2, 0);
        assertThat(m.millis(0, 5)).isEqualTo(120); // eu to asia
        assertThat(m.millis(3, 4)).isEqualTo(15); // inside us
    }

    @Test
    void withoutWeightsNodesTakeTurns() {
        LatencyMatrix m = LatencyMatrix.parse("m.txt", List.of("a b", "a 1 2", "b 2 1"));
        assertThat(List.of(0, 1, 2, 3).stream().map(m::region)).containsExactly(0, 1, 0, 1);
    }

    @Test
    void aBadFileIsRefusedNamingTheFlagAndTheLine() {
        assertThatThrownBy(() -> LatencyMatrix.parse("m.txt", List.of("a b", "a 1 2", "c 2 1")))
                .hasMessage("--latency-matrix m.txt line 3: expected `b` and 2 latencies in ms, found: c 2 1");
        assertThatThrownBy(() -> LatencyMatrix.parse("m.txt", List.of("a b", "a 1 -2", "b 2 1")))
                .hasMessage("--latency-matrix m.txt line 2: a latency or weight is a number >= 0: -2");
        assertThatThrownBy(() -> LatencyMatrix.parse("m.txt", List.of("a b", "a 1 2")))
                .hasMessageStartingWith("--latency-matrix m.txt: 2 regions need 2 lines");
        assertThatThrownBy(() -> LatencyMatrix.parse("m.txt", List.of("a b", "a 1 2", "b 2 1", "nodes 0 0")))
                .hasMessage("--latency-matrix m.txt line 4: every weight is 0");
        assertThatThrownBy(() -> new NetworkConditions(java.util.Optional.empty(), 1))
                .hasMessage("--loss must be >= 0 and < 1 (a share of messages): got 1.0");
    }
}
