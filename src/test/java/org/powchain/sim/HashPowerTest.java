package org.powchain.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.consensus.BlockValidator;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;

/** Modelled hashing: blocks come as a Poisson process at the miner's share of the hashrate, and each is a real, valid block. */
@Tag("sim")
class HashPowerTest {
    /** The first block {@code node}'s own miner finds, its miner then removed from the game. */
    static Block mineOne(Simulation sim, SimNode node) {
        List<Block> found = new ArrayList<>();
        HashPower m = new HashPower(node, sim.scheduler(), 1, 1, sim::hashesPerMicro, found::add);
        m.resume();
        sim.scheduler().runUntil(() -> !found.isEmpty());
        m.pause();
        return found.get(0);
    }

    @Test
    void blocksComeAtTheIntervalTheHashrateSetsAndAreValid() throws RuleViolation {
        Simulation sim = new Simulation(Simulation.pinned(8), 41, 10_000); // 10 s blocks
        SimNode node = sim.addNode(8, 0);
        List<Block> blocks = new ArrayList<>();
        sim.addMiner(node, 1, b -> {
            blocks.add(b);
            HashPower.submitTo(node).accept(b);
        });
        long start = sim.scheduler().micros();
        sim.mineBlocks(400, 0);
        double meanSeconds = (sim.mined().get(399).atMicros() - start) / 1e6 / 400;
        assertThat(meanSeconds).isBetween(8.5, 11.5); // the mean of 400 exponential draws: 10 s, sd 0.5 s
        for (Block b : blocks) {
            BlockValidator.checkProofOfWork(sim.params(), b.header());
        }
        assertThat(node.queries().height()).isEqualTo(400);
    }

    @Test
    void minersFindBlocksInProportionToTheirShare() {
        Simulation sim = new Simulation(Simulation.pinned(8), 42, 10_000);
        SimNode small = sim.addNode(8, 0);
        SimNode large = sim.addNode(8, 0);
        sim.connectRandomly(List.of(small), List.of(small, large), 1);
        sim.settle(1_000);
        HashPower s = sim.addMiner(small, 0.2, HashPower.submitTo(small));
        HashPower l = sim.addMiner(large, 0.8, HashPower.submitTo(large));
        sim.mineBlocks(1_000, 1_000);
        assertThat(s.mined() + l.mined()).isEqualTo(1_000);
        assertThat(s.mined()).isBetween(160L, 240L); // 200 expected, sd 12.6
    }

    @Test
    void aPausedMinerFindsNothingAndAMinerWithNoShareNeither() {
        Simulation sim = new Simulation(Simulation.pinned(8), 43, 10_000);
        SimNode node = sim.addNode(8, 0);
        HashPower m = sim.addMiner(node, 1, HashPower.submitTo(node));
        m.pause();
        sim.scheduler().runTo(sim.scheduler().micros() + 3_600_000_000L); // an hour: 360 blocks' time
        assertThat(m.mined()).isZero();
        m.resume();
        m.setShare(0);
        sim.scheduler().runTo(sim.scheduler().micros() + 3_600_000_000L);
        assertThat(m.mined()).isZero();
        m.setShare(1);
        sim.scheduler().runTo(sim.scheduler().micros() + 3_600_000_000L);
        assertThat(m.mined()).isBetween(300L, 420L);
    }
}
