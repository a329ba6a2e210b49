package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code powchain simulate … --ledger utxo}: every scenario runs its nodes in the UTXO model (issue 25, item 4). */
@Tag("sim")
class SimulateLedgerModelsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Each scenario at a size that runs in seconds, with transactions wherever the scenario makes them. */
    static String[] small(String scenario) {
        return switch (scenario) {
            case "network" -> new String[] {"--nodes", "8", "--peers", "3", "--blocks", "12", "--runs", "1", "--block-txs", "3"};
            case "selfish-mining" -> new String[] {"--pool-share", "0.3", "--blocks", "60", "--runs", "2", "--honest-nodes", "5"};
            case "difficulty" -> new String[] {"--nodes", "4", "--blocks", "30", "--at-block", "10"};
            case "partition" -> new String[] {"--nodes", "6", "--blocks", "24", "--heal-after", "10", "--block-txs", "3"};
            case "eclipse" -> new String[] {"--trials", "6", "--trials-per-network", "6", "--confirmations", "2"};
            case "double-spend" -> new String[] {"--attacker-share", "0.3", "--confirmations", "1", "--trials", "20"};
            default -> throw new IllegalArgumentException(scenario);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"network", "selfish-mining", "difficulty", "partition", "eclipse", "double-spend"})
    void everyScenarioRunsInTheUtxoModel(String scenario, @TempDir Path dir) throws Exception {
        Path chain = dir.resolve("chain.json");
        List<String> args = new ArrayList<>(List.of("simulate", scenario));
        args.addAll(List.of(small(scenario)));
        args.addAll(List.of("--difficulty", "4", "--seed", "7", "--ledger", "utxo", "--json", "--export-chain", chain.toString(),
                "--out", dir.resolve("out").toString()));
        JsonNode result = JSON.readTree(SimulateCommandTest.run(args.toArray(String[]::new)));
        assertThat(result.isObject()).isTrue();
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("ledger model").contains("utxo");
        JsonNode blocks = JSON.readTree(Files.readString(chain));
        assertThat(blocks.size()).isGreaterThan(1);
        // every coinbase is a UTXO coinbase: outputs and the height it commits to, no sender or nonce
        JsonNode coinbase = blocks.get(blocks.size() - 1).path("transactions").get(0);
        assertThat(coinbase.has("outputs")).as(coinbase.toString()).isTrue();
        assertThat(coinbase.has("nonce")).isFalse();
    }

    @Test
    void aUtxoDoubleSpendIsReversedBySpendingTheSameOutput(@TempDir Path dir) throws Exception {
        Path chain = dir.resolve("chain.json");
        JsonNode r = JSON.readTree(SimulateCommandTest.run("simulate", "double-spend", "--attacker-share", "0.45",
                "--confirmations", "1", "--trials", "30", "--trials-per-network", "30", "--difficulty", "4", "--seed", "5",
                "--ledger", "utxo", "--json", "--export-chain", chain.toString()));
        // payments reversed on the merchant's chain, and the rate (with the catch-up chance of trials
        // ended behind) where Rosenfeld puts it: 0.90 at q = 0.45, z = 1
        assertThat(r.get("reversed").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(r.get("rosenfeld").asDouble()).isBetween(r.get("ci99").get(0).asDouble(), r.get("ci99").get(1).asDouble());
        // payments were made, each spending a coin: the merchant's chain carries UTXO transfers with inputs
        JsonNode blocks = JSON.readTree(Files.readString(chain));
        long spends = 0;
        for (JsonNode b : blocks) {
            for (JsonNode tx : b.path("transactions")) {
                spends += tx.path("inputs").size();
            }
        }
        assertThat(spends).isGreaterThanOrEqualTo(30);
    }

    @Test
    void anUnknownModelIsRefusedNamingTheFlag() {
        CliRun r = CliRun.of("simulate", "network", "--ledger", "beads");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--ledger must be one of account, utxo: got 'beads'");
    }
}
