package org.powchain.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ledger-models benchmark runs both models on tiny inputs and prints every figure (speed is never asserted). */
@Tag("unit")
class LedgerModelsBenchmarkTest {

    @Test
    void bothModelsCheckAndApplyTheSamePayments() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        LedgerModelsBenchmark.run(20, 5, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("20 transfers from 5 senders")
                .contains("accounts: check a transfer").contains("(20 in ")
                .contains("accounts: apply a block of 20 transfers")
                .contains("UTXOs: check a transfer").contains("UTXOs: apply a block of 20 transfers")
                .contains("connect it to a set of 20:")
                .contains("set after: 41 outputs"); // 20 allocations spent, 40 made, and the coinbase
    }
}
