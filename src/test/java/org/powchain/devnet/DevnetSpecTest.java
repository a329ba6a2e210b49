package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A devnet's spec records its ledger model, in devnet.json and in an export; one written before the choice reads as account. */
@Tag("unit")
class DevnetSpecTest {
    @Test
    void theLedgerModelIsPartOfTheSpecAndItsJson() throws Exception {
        DevnetSpec utxo = new DevnetSpec(3, 5001, 5000, "ring", DevnetSpec.shares(3, 1, List.of()), 5, 0, 1, 12, "utxo");
        String json = LocalHttp.JSON.writeValueAsString(utxo);
        assertThat(json).contains("\"ledger\":\"utxo\"");
        assertThat(LocalHttp.JSON.readValue(json, DevnetSpec.class)).isEqualTo(utxo);
        assertThat(utxo.withShares(List.of(0.0, 1.0, 0.0)).ledger()).isEqualTo("utxo");
    }

    @Test
    void aSpecFromBeforeTheChoiceIsOfTheAccountModel() throws Exception {
        String old = "{\"nodes\":3,\"basePort\":5001,\"controlPort\":5000,\"topology\":\"ring\",\"shares\":[1.0,0.0,0.0],"
                + "\"blockInterval\":5.0,\"txRate\":0.0,\"seed\":1,\"difficulty\":12}";
        assertThat(LocalHttp.JSON.readValue(old, DevnetSpec.class).ledger()).isEqualTo("account");
        assertThat(new DevnetSpec(3, 5001, 5000, "ring", List.of(1.0, 0.0, 0.0), 5, 0, 1, 12).ledger()).isEqualTo("account");
    }

    @Test
    void aDevnetStartedAgainInItsDirFindsTheModelItHad() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("powchain-devnet-spec");
        try {
            assertThat(DevnetSpec.earlierLedger(dir)).isNull();
            LocalHttp.JSON.writeValue(dir.resolve(Devnet.SPEC_FILE).toFile(),
                    new DevnetSpec(3, 5001, 5000, "ring", List.of(1.0, 0.0, 0.0), 5, 0, 1, 12, "utxo"));
            assertThat(DevnetSpec.earlierLedger(dir)).isEqualTo("utxo");
        } finally {
            Devnet.deleteTree(dir);
        }
    }

    @Test
    void anUnknownModelIsRefusedByName() {
        assertThatThrownBy(() -> new DevnetSpec(3, 5001, 5000, "ring", List.of(1.0, 0.0, 0.0), 5, 0, 1, 12, "mimblewimble"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account").hasMessageContaining("utxo");
    }
}
