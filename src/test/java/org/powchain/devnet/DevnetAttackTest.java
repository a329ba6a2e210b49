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
import org.powchain.process.NodeJvm;

/**
 * The attacks, played live on a devnet of five real node processes: a double spend with most of
 * the hashrate reverses a payment the merchant saw confirmed; one with a tenth of it against six
 * confirmations gives up, as the simulator's attacker does, and the payment stands; an eclipse cuts
 * the victim off from every honest node and reverses its payment when it ends; a selfish pool's
 * report (its blocks on the main chain, stale blocks) is what the nodes' chains say. Each attack's
 * draws come from the devnet's seed, so a run repeats. (The UTXO model: DevnetUtxoAttackTest.)
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetAttackTest {
    static final int NODES = 5;

    Path dir;
    Devnet devnet;
    DevnetServer server;

    @BeforeAll
    void up() throws IOException {
        dir = Files.createTempDirectory("powchain-devnet-attack");
        int base = DevnetTest.freePorts(NODES + 1);
        DevnetSpec spec = new DevnetSpec(NODES, base + 1, base, "ring", DevnetSpec.shares(NODES, 0, List.of()), 0, 0, 3, 8);
        devnet = Devnet.start(spec, dir, NodeJvm.devnetFlags(), DevnetTest.SLOW_HOST);
        devnet.mine(0, 1);
        server = new DevnetServer(devnet, () -> { }).start(spec.controlPort());
    }

    @AfterAll
    void down() throws IOException {
        if (server != null) {
            server.close();
        }
        if (devnet != null) {
            devnet.close();
        }
        if (System.getProperty("keepDevnet") == null) { // -DkeepDevnet=1 keeps the nodes' logs of a failed run
            Devnet.deleteTree(dir);
        }
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
        // the honest links lag, as on a busy laptop: an honest finder must still mine on the honest tip
        devnet.link(0, 1, 1_500, 0);
        devnet.link(0, 4, 1_500, 0);
        JsonNode r;
        try {
            r = devnet.attackEclipse(2, 3, 2, 0.3);
        } finally {
            devnet.link(0, 1, 0, 0);
            devnet.link(0, 4, 0, 0);
        }

        assertThat(r.path("isolated").asBoolean()).as("no honest block reached the victim during the eclipse").isTrue();
        assertThat(r.path("honestBlocks").asInt()).isPositive();
        assertThat(r.path("outcome").asText()).isEqualTo("reversed");
        // beside it, the simulator's eclipse at the same share: every simulated attack reversed the payment too
        assertThat(r.path("predicted").path("simulatedAttacks").asInt()).isEqualTo(300);
        assertThat(r.path("predicted").path("reversed").asDouble()).isEqualTo(1.0);
        assertThat(devnet.status().path("groups")).as("the eclipse has ended").isEmpty();
    }

    @Test
    @Order(4)
    void aSelfishPoolReportsWhatTheNodesChainsSay() throws IOException {
        DevnetNode pool = devnet.nodes().all().get(0);
        String poolAddress = Attacks.summary(pool).path("minerAddress").asText();

        JsonNode r = devnet.attackSelfish(0, 0.4, 0.5, 20);

        // every node ends on one chain, and the report's counts are that chain's
        Attacks.awaitSameTip(devnet.nodes(), List.of(0, 1, 2, 3, 4), java.time.Duration.ofSeconds(30));
        DevnetNode judge = devnet.nodes().all().get(3);
        long start = r.path("startHeight").asLong();
        long tip = Attacks.height(judge);
        int byPool = 0;
        int main = 0;
        for (long h = start + 1; h <= tip; h++) {
            JsonNode block = LocalHttp.getOk(judge.port(), "/api/v1/blocks?start=" + h + "&limit=1").path("blocks").get(0);
            main++;
            byPool += block.path("miner").asText().equals(poolAddress) ? 1 : 0;
        }
        assertThat(r.path("mainChainBlocks").asInt()).isEqualTo(main);
        assertThat(r.path("poolMainChainBlocks").asInt()).as("the pool's blocks on n3's main chain, by their coinbase").isEqualTo(byPool);
        assertThat(r.path("honestMainChainBlocks").asInt()).isEqualTo(main - byPool);
        int mined = r.path("blocksMined").asInt();
        assertThat(mined).isEqualTo(r.path("poolBlocks").asInt() + r.path("honestBlocks").asInt()).isBetween(20, 21);
        assertThat(r.path("staleBlocks").asInt()).isEqualTo(mined - main);
        assertThat(r.path("stalePoolBlocks").asInt() + r.path("staleHonestBlocks").asInt()).isEqualTo(mined - main);
        assertThat(r.path("poolRevenueShare").asDouble()).isCloseTo((double) byPool / main, org.assertj.core.api.Assertions.within(0.001));
        assertThat(r.path("racesWonByPoolSide").asInt()).isBetween(0, r.path("races").asInt());
        assertThat(r.path("predicted").path("closedForm").asDouble())
                .isCloseTo(org.powchain.sim.Literature.selfishMiningRevenue(0.4, 0.5), org.assertj.core.api.Assertions.within(0.001));
        JsonNode range = r.path("predicted").path("runsOfThisLength");
        assertThat(range.get(0).asDouble()).isLessThanOrEqualTo(range.get(2).asDouble());
        assertThat(r.path("why").asText()).contains("one draw");
        assertThat(devnet.status().path("groups")).as("the attack has healed the network").isEmpty();
        assertThat(devnet.events(0).toString()).contains("selfish: ");
    }

    @Test
    @Order(5)
    void thePagePlaysSelfishMiningFromItsForm() throws Exception {
        try (DevnetPage page = DevnetPage.open(devnet.spec().controlPort())) {
            page.selfish("n2", 0.3, 0, 8);
            String said = page.awaitMessageContaining("selfish mining: n2 has");
            assertThat(said).contains("Eyal and Sirer");
            page.awaitEventContaining("selfish: settled: n2 has");
        }
        assertThat(devnet.status().path("groups")).isEmpty();
    }
}
