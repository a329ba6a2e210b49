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
 * A devnet in the UTXO model ({@code devnet --ledger utxo}), three real node processes: every node
 * runs the model, the spec and the status say so, the background transfers are UTXO payments, and
 * the double spend and the eclipse reverse a payment with a conflicting spend of the same output.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetUtxoAttackTest {
    static final int NODES = 3;

    Path dir;
    Devnet devnet;

    @BeforeAll
    void up() throws IOException {
        dir = Files.createTempDirectory("powchain-devnet-utxo");
        int base = DevnetTest.freePorts(NODES + 1);
        DevnetSpec spec = new DevnetSpec(NODES, base + 1, base, "ring", DevnetSpec.shares(NODES, 0, List.of()), 0, 0, 3, 8,
                "utxo");
        devnet = Devnet.start(spec, dir, NodeJvm.devnetFlags(), DevnetTest.SLOW_HOST);
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
    void everyNodeRunsTheModelAndTheSpecSaysSo() throws IOException {
        assertThat(devnet.status().path("ledger").asText()).isEqualTo("utxo");
        for (DevnetNode n : devnet.nodes().all()) {
            assertThat(Attacks.summary(n).path("ledger").asText()).as(n.id()).isEqualTo("utxo");
        }
        assertThat(LocalHttp.JSON.readTree(dir.resolve(Devnet.SPEC_FILE).toFile()).path("ledger").asText()).isEqualTo("utxo");
    }

    @Test
    @Order(2)
    void aDoubleSpendAtShareSixTenthsSpendsTheSameOutputAndReversesThePayment() throws IOException {
        JsonNode r = devnet.attackDoubleSpend(2, 1, 2, 0.6);

        assertThat(r.path("outcome").asText()).isEqualTo("reversed");
        assertThat(r.path("confirmationsSeen").asInt()).isGreaterThanOrEqualTo(2);
        DevnetNode merchant = devnet.nodes().all().get(1);
        assertThat(Attacks.confirmations(merchant, r.path("payment").asText())).isZero();
        assertThat(Attacks.confirmations(merchant, r.path("attackerSpend").asText())).isPositive();
        // the output both claimed is spent, on the merchant's own chain, by the attacker's transaction
        JsonNode output = LocalHttp.getOk(merchant.port(), "/api/v1/outpoints/" + r.path("outpoint").asText());
        assertThat(output.path("status").asText()).isEqualTo("spent");
        assertThat(output.path("spentBy").asText()).isEqualTo(r.path("attackerSpend").asText());
        assertThat(r.path("steps").toString()).contains("the same output");
    }

    @Test
    @Order(3)
    void anEclipseReversesThePaymentWithTheSameOutput() throws IOException {
        JsonNode r = devnet.attackEclipse(1, 2, 2, 0.3);

        assertThat(r.path("isolated").asBoolean()).isTrue();
        assertThat(r.path("outcome").asText()).isEqualTo("reversed");
        JsonNode output = LocalHttp.getOk(devnet.port(1), "/api/v1/outpoints/" + r.path("outpoint").asText());
        assertThat(output.path("spentBy").asText()).isEqualTo(r.path("attackerSpend").asText());
    }

    @Test
    @Order(4)
    void theBackgroundTransfersAreUtxoPayments() throws IOException {
        for (int i = 0; i < 20; i++) {
            devnet.transfers().sendOne();
        }
        JsonNode s = devnet.status();
        assertThat(s.path("txsSent").asLong()).isPositive();
        assertThat(s.path("txsRefused").asLong()).as("some were paid from coins").isLessThan(s.path("txsSent").asLong());
        // what a node holds pending are UTXO transactions: inputs and outputs, no nonce
        JsonNode pending = null;
        for (DevnetNode n : devnet.nodes().all()) {
            JsonNode pool = LocalHttp.getOk(n.port(), "/getmempool");
            if (pool.size() > 0) {
                pending = pool.get(0);
            }
        }
        assertThat(pending).isNotNull();
        assertThat(pending.has("inputs") && pending.has("outputs") && !pending.has("nonce")).as(pending.toString()).isTrue();
    }
}
