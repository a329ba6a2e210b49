package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("sim")
class PartitionScenarioTest {
    @Test
    void healsToTheBranchOfTheSideWithMoreHashrateAndItsLosersTransactionsComeBack() {
        // a minute apart at 2-second blocks: the 30% side mines a branch of several blocks
        PartitionScenario.Result r = PartitionScenario.run(new PartitionScenario.Options(20, 0.7, 60, 80, 2, 50, 2, 1, 8, 2), n -> { });
        System.out.println(r.toJson());
        assertThat(r.blocksMinedApart()).allSatisfy(b -> assertThat(b).isPositive());
        assertThat(r.mostWorkGroupAtHeal()).isZero();
        assertThat(r.converged()).isTrue();
        assertThat(r.winningGroup()).isZero();
        assertThat(r.agreeOnMostWorkTip()).isTrue();
        assertThat(r.reorgDepth()).isPositive();
        assertThat(r.losingBranchTxs()).isPositive();
        assertThat(r.txsReturnedToMempool()).isEqualTo(r.losingBranchTxs());
    }

    @Test
    void theWinnerIsTheSideWithMoreWorkNotTheFirstGroup() {
        PartitionScenario.Result r = PartitionScenario.run(new PartitionScenario.Options(20, 0.25, 60, 80, 2, 50, 2, 1, 8, 3), n -> { });
        System.out.println(r.toJson());
        assertThat(r.mostWorkGroupAtHeal()).isOne();
        assertThat(r.winningGroup()).isOne();
        assertThat(r.agreeOnMostWorkTip()).isTrue();
        assertThat(r.reorgDepth()).isPositive();
        assertThat(r.txsReturnedToMempool()).isEqualTo(r.losingBranchTxs()).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameResult() {
        PartitionScenario.Options o = new PartitionScenario.Options(10, 0.5, 20, 30, 2, 100, 2, 1, 8, 5);
        Map<String, Object> a = PartitionScenario.run(o, n -> { }).toJson();
        Map<String, Object> b = PartitionScenario.run(o, n -> { }).toJson();
        a.remove("wallSeconds");
        b.remove("wallSeconds");
        assertThat(a).isEqualTo(b);
    }
}
