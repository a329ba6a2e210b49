package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.api.TestNode;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Keys;
import org.powchain.node.NodeConfig;
import picocli.CommandLine;

/** {@code powchain light} as the README's tour runs it: pay an address, mine 6 blocks, see it verified. */
@Tag("unit")
class LightCommandTest {
    final TestNode node = new TestNode(NodeConfig.forTests("lc")
            .withParams(ConsensusParams.defaults().withPinnedDifficulty(1)));
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        node.close();
    }

    private CliRun light(String... args) {
        return CliRun.command("light", args);
    }

    @Test
    void thePaymentIsPendingUntilSixBlocksThenVerifiedAndCounted() throws Exception {
        String carol = Keys.demo("carol").address().toHex();
        String txid = node.get("/addtx?sender=A&to=" + carol + "&amount=300").json().get("id").asText();
        node.post("/api/v1/mine", "");
        String[] args = {"--node", node.baseUrl(), "--address", carol, "--difficulty", "1", "--data-dir", dir.toString()};

        CliRun first = light(args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("height 1, 1 confirmation, Merkle proof verified (pending: fewer than 6)")
                .contains("received: 0 with 6+ confirmations, verified; 300 pending");

        for (int i = 0; i < 5; i++) {
            node.post("/api/v1/mine", "");
        }
        CliRun json = light(concat(args, "--json"));
        JsonNode r = new ObjectMapper().readTree(json.out());
        assertThat(r.get("tipHeight").asInt()).isEqualTo(6);
        assertThat(r.get("received").asLong()).isEqualTo(300);
        JsonNode p = r.get("payments").get(0);
        assertThat(p.get("txid").asText()).isEqualTo(txid);
        assertThat(p.get("confirmations").asInt()).isEqualTo(6);
        assertThat(p.get("verified").asBoolean()).isTrue();
        assertThat(Files.size(dir.resolve("headers.dat"))).isEqualTo(7L * 88);
    }

    /** The same check against a UTXO node: the model says what a transaction pays the address; the proof is the same. */
    @Test
    void aPaymentOnAUtxoNodeIsVerifiedByItsMerkleProof() throws Exception {
        try (TestNode utxo = new TestNode(NodeConfig.forTests("lcu").withParams(ConsensusParams.defaults()
                .withPinnedDifficulty(1).withLedger(org.powchain.consensus.UtxoLedger.INSTANCE)))) {
            String carol = Keys.demo("carol").address().toHex();
            String id = utxo.get("/addtx?sender=A&to=" + carol + "&amount=300").json().get("id").asText();
            for (int i = 0; i < 6; i++) {
                utxo.post("/api/v1/mine", "");
            }
            CliRun json = light("--node", utxo.baseUrl(), "--address", carol, "--difficulty", "1", "--ledger", "utxo",
                    "--data-dir", dir.resolve("u").toString(), "--json");
            assertThat(json.exit()).as(json.err()).isZero();
            JsonNode r = new ObjectMapper().readTree(json.out());
            assertThat(r.get("received").asLong()).isEqualTo(300);
            assertThat(r.get("payments").get(0).get("txid").asText()).isEqualTo(id);
            assertThat(r.get("payments").get(0).get("verified").asBoolean()).isTrue();
            // A's change came back to A: a payment to A as far as the outputs go, and proved the same way
            JsonNode a = new ObjectMapper().readTree(light("--node", utxo.baseUrl(), "--address", "A", "--difficulty", "1",
                    "--ledger", "utxo", "--data-dir", dir.resolve("a").toString(), "--json").out());
            assertThat(a.get("payments")).anySatisfy(p -> {
                assertThat(p.get("txid").asText()).isEqualTo(id);
                assertThat(p.get("amount").asLong()).isEqualTo(700);
                assertThat(p.get("verified").asBoolean()).isTrue();
            });
        }
    }

    @Test
    void followPrintsEachNewConfirmation() throws Exception {
        String carol = Keys.demo("carol").address().toHex();
        StringWriter out = new StringWriter();
        CommandLine cmd = PowchainCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        Thread follower = new Thread(() -> cmd.execute("light", "--node", node.baseUrl(), "--address", carol,
                "--difficulty", "1", "--data-dir", dir.toString(), "--follow", "--interval", "1"), "light-follow");
        follower.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("payments to"));
            node.get("/addtx?sender=A&to=" + carol + "&amount=70");
            node.post("/api/v1/mine", "");
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("1 confirmation,"));
            node.post("/api/v1/mine", "");
            await().atMost(Duration.ofSeconds(20)).until(() -> out.toString().contains("2 confirmations"));
            assertThat(out.toString()).contains("tip ").contains("at height 2");
        } finally {
            follower.interrupt(); // the sleep between syncs ends the command
            follower.join(10_000);
        }
        assertThat(follower.isAlive()).isFalse();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        CliRun r = light("--node", node.baseUrl(), "--address", "not an address", "--data-dir", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--address must be 40 hex characters or a demo name");
        node.post("/api/v1/mine", "");
        CliRun other = light("--node", node.baseUrl(), "--address", "carol", "--data-dir", dir.toString()); // no --difficulty 1
        assertThat(other.exit()).isZero();
        assertThat(other.out()).contains("LYING").contains("height 1 breaks bad-bits");
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
