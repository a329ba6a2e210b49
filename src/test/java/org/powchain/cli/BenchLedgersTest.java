package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code powchain bench ledgers} at tiny sizes: both models in one run, every figure printed for
 * each (speed is never asserted), and nothing refused on the way.
 */
@Tag("http")
class BenchLedgersTest {

    @Test
    void bothModelsInOneRunEveryFigureInTheTable() {
        CliRun run = CliRun.command("bench", "ledgers", "--senders", "5", "--rules-txs", "20", "--http-txs", "40",
                "--clients", "3", "--block-txs", "30", "--state-blocks", "12", "--state-txs", "3");
        assertThat(run.exit()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out).contains("ledger models, both in one run: 5 senders").contains("load average")
                .contains("POSTed to /api/v1/transactions by 3 client threads").contains("after 10 as warm-up")
                .contains("round 2, account: 40 admitted").contains("round 2, utxo: 40 admitted")
                .contains("round 2, account: block of 30 transfers").contains("round 2, utxo: block of 30 transfers")
                .contains("state on disk after 12 blocks of 3 transfers (36 transfers)")
                .contains("utxo (coins largest first): 12 blocks").contains("utxo, spend all (coins every coin it holds)");
        assertThat(out.lines().filter(l -> l.startsWith("    pages: ")))
                .hasSize(3).allMatch(l -> l.contains("ledger ") && l.contains("undo ") && l.contains("blocks ") && l.contains("(free) "));
        assertThat(out.lines().filter(l -> l.contains(" admitted in ")))
                .hasSize(4).allMatch(l -> l.contains("(0 refused, 0 in warm-up)"), "every transfer admitted");

        List<String> table = out.lines().dropWhile(l -> !l.startsWith("figure ")).toList();
        assertThat(table.get(0)).contains("account").contains("utxo").contains("utxo, spend all");
        for (String row : List.of("rules: check one transfer", "rules: apply the block", "HTTP: admitted a second",
                "HTTP: refused", "HTTP: CPU of this JVM", "a transfer, bytes", "block of 30 transfers, bytes",
                "block: validated and connected", "state: data dir bytes", "state: ledger rows ",
                "state: ledger rows that are the miner's", "state: ledger bytes", "state: undo bytes", "state: block bytes")) {
            String line = table.stream().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError(
                    "no row " + row + " in\n" + String.join("\n", table)));
            String[] cells = line.split("\\|");
            assertThat(cells[1].trim()).as(line).matches("[0-9][0-9,.]*"); // account
            assertThat(cells[2].trim()).as(line).matches("[0-9][0-9,.]*"); // utxo
        }
        assertThat(table.stream().filter(l -> l.startsWith("HTTP: refused"))).singleElement()
                .matches(l -> l.matches("HTTP: refused\\s*\\|\\s*0 \\|\\s*0 \\|\\s*—"), "none refused");
        // the models' state: 5 senders and the miner as accounts; as outputs, one a coinbase, a payment and its change
        String rows = table.stream().filter(l -> l.startsWith("state: ledger rows ")).findFirst().orElseThrow();
        assertThat(rows.split("\\|")[1].trim()).isEqualTo("8"); // 5 senders, A, B and the miner
        // as outputs: those 7 genesis coins, each transfer spending its sender's largest (its change) and making two, a coinbase a block
        assertThat(rows.split("\\|")[2].trim()).isEqualTo(String.valueOf(7 + 36 + 12));
        assertThat(rows.split("\\|")[3].trim()).matches("[0-9][0-9,]*");
        String miner = table.stream().filter(l -> l.startsWith("state: ledger rows that are the miner's")).findFirst().orElseThrow();
        assertThat(miner.split("\\|")[1].trim()).isEqualTo("1");
        assertThat(miner.split("\\|")[2].trim()).isEqualTo("12"); // one coinbase output a block, none spent
    }
}
