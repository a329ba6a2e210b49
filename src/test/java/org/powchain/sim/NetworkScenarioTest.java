package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sim")
class NetworkScenarioTest {
    @Test
    void withNoLatencyNoBlockGoesStale() {
        NetworkScenario.Result r = NetworkScenario.run(new NetworkScenario.Options(50, 8, 10, 200, 0, 0, 0, 8, 1), n -> { });
        System.out.println(r.toJson());
        assertThat(r.blocksMined()).isEqualTo(200);
        assertThat(r.staleRate()).isZero();
        assertThat(r.mainChainBlocks()).isEqualTo(200);
    }

    @Test
    void fasterBlocksMakeMoreStaleBlocks() {
        NetworkScenario.Result slow = NetworkScenario.run(new NetworkScenario.Options(100, 8, 30, 300, 200, 1, 0, 8, 2), n -> { });
        NetworkScenario.Result fast = NetworkScenario.run(new NetworkScenario.Options(100, 8, 2, 300, 200, 1, 0, 8, 2), n -> { });
        System.out.println(slow.toJson());
        System.out.println(fast.toJson());
        assertThat(fast.staleRate()).isGreaterThan(slow.staleRate());
    }
}
