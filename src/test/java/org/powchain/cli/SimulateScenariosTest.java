package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.sim.Scenario;
import org.powchain.sim.Scenarios;

/** {@code powchain simulate} offers exactly the scenarios of {@link Scenarios#all()}, with their own flags. */
@Tag("unit")
class SimulateScenariosTest {
    @Test
    void everyScenarioIsASubcommandNamedInTheHelp() {
        CliRun help = CliRun.of("simulate", "--help");
        for (Scenario<?, ?> s : Scenarios.all()) {
            assertThat(PowchainCommand.commandLine().getSubcommands().get("simulate").getSubcommands()).containsKey(s.name());
            assertThat(help.out()).contains("\n  " + s.name() + " ");
        }
    }

    @Test
    void aScenarioTakesTheCommonOptionsAndItsOwn() {
        CliRun help = CliRun.of("simulate", "double-spend", "--help");
        assertThat(help.out()).contains("--seed", "--out=DIR", "--attacker-share=Q", "--confirmations=Z")
                .doesNotContain("--pool-share");
    }

    @Test
    void aBadOptionIsRefusedWithTheScenariosUsage() {
        CliRun r = CliRun.of("simulate", "network", "--difficulty", "40");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--difficulty must be 1..24 bits").contains("Usage: powchain simulate network");
    }
}
