package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The attacks, played live on a devnet of five real node processes: a double spend with most of
 * the hashrate reverses a payment the merchant saw confirmed; one with a tenth of it against six
 * confirmations gives up, as the simulator's attacker does, and the payment stands; an eclipse cuts
 * the victim off from every honest node and reverses its payment when it ends. Each attack's draws
 * come from the devnet's seed, so a run repeats.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetAttackTest {
    static final int NODES = 5;

    Path dir;
    Devnet devnet;

    @BeforeAll
    void up() throws IOException {
        dir = Files.createTempDirectory("powchain-devnet-attack");
        int base = DevnetTest.freePorts(NODES + 1);
        DevnetSpec spec = new DevnetSpec(NODES, base + 1, base, "ring", DevnetSpec.shares(NODES, 0, List.of()), 0, 0, 3, 8);
        devnet = Devnet.start(spec, dir, Devnet.NODE_JVM_FLAGS, DevnetTest.SLOW_HOST);
        devnet.mine(0, 1);
    }

    @AfterAll
    void down() throws IOException {
        if (devnet != null) {
            devnet.close();
        }
        Devnet.deleteTree(dir);
    }

    @Test
    @Order(1)
    void aDoubleSpendWithMostOfTheHashrateReversesTheConfirmedPayment() throws IOException {
        JsonNode r = devnet.attackDoubleSpend(4, 1, 2, 0.6);

        assertThat(r.path("confirmationsSeen").asInt()).as("the merchant saw it confirmed first").isGreaterThanOrEqualTo(2);
        assertThat(r.path("outcome").asText()).isEqualTo("reversed");
        assertThat(Attacks.confirmations(devnet.nodes().all().get(1), r.path("payment").asText())).isZero();
        assertThat(Attacks.confirmations(devnet.nodes().all().get(1), r.path("attackerSpend").asText())).isPositive();
        assertThat(r.path("predicted").path("rosenfeld").asDouble()).isEqualTo(1.0);
    }

    @Test
    @Order(2)
    void aDoubleSpendWithATenthOfTheHashrateAgainstSixConfirmationsGivesUp() throws IOException {
        JsonNode r = devnet.attackDoubleSpend(4, 1, 6, 0.1);

        assertThat(r.path("outcome").asText()).isEqualTo("gave-up");
        assertThat(r.path("paymentReversed").asBoolean()).isFalse();
        assertThat(Attacks.confirmations(devnet.nodes().all().get(1), r.path("payment").asText())).isGreaterThanOrEqualTo(6);
        assertThat(r.path("predicted").path("rosenfeld").asDouble()).isLessThan(0.001);
        assertThat(r.path("predicted").path("giveUpDeficit").asInt()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void anEclipseIsolatesTheVictimAndReversesItsPayment() throws IOException {
        JsonNode r = devnet.attackEclipse(2, 3, 2, 0.3);

        assertThat(r.path("isolated").asBoolean()).as("no honest block reached the victim during the eclipse").isTrue();
        assertThat(r.path("honestBlocks").asInt()).isPositive();
        assertThat(r.path("outcome").asText()).isEqualTo("reversed");
        assertThat(devnet.status().path("groups")).as("the eclipse has ended").isEmpty();
    }
}
