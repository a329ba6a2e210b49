package org.powchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.UtxoLedger;
import org.powchain.store.SqliteStore;
import org.powchain.store.StoreException;

/** A data dir keeps the ledger model its chain was made with, and a node of the other model is refused it. */
@Tag("http")
class LedgerDataDirTest {
    @TempDir
    Path dir;

    NodeConfig config(ConsensusParams params) {
        return NodeConfig.forTests("n").withDataDir(dir).withParams(params);
    }

    static ConsensusParams utxo() {
        return ConsensusParams.forTests().withLedger(UtxoLedger.INSTANCE);
    }

    @Test
    void aUtxoDataDirIsReopenedAsUtxoAndRefusedToTheAccountModelNamingBoth() throws Exception {
        assertThat(SqliteStore.storedLedger(dir)).isEmpty();
        try (Node node = new Node(config(utxo()))) {
            node.start();
            node.miner().mineOne().get(30, TimeUnit.SECONDS);
            node.miner().mineOne().get(30, TimeUnit.SECONDS);
        }
        assertThat(SqliteStore.storedLedger(dir)).contains("utxo");

        assertThatThrownBy(() -> new Node(config(ConsensusParams.forTests()))).isInstanceOf(StoreException.class)
                .hasMessageContaining("the data dir holds a chain of the utxo ledger model; this node runs the account"
                        + " ledger model")
                .hasMessageContaining("--ledger utxo");
        // refused before anything was written: the UTXO node opens it as it left it
        try (Node node = new Node(config(utxo()))) {
            assertThat(node.queries().height()).isEqualTo(2);
            assertThat(node.queries().balance(node.minerAddress())).isEqualTo(100);
            assertThat(node.queries().params().ledger()).isSameAs(UtxoLedger.INSTANCE);
        }
    }

    @Test
    void anAccountDataDirIsRefusedToTheUtxoModel() {
        try (Node node = new Node(config(ConsensusParams.forTests()))) {
            node.start();
        }
        assertThat(SqliteStore.storedLedger(dir)).contains("account");
        assertThatThrownBy(() -> new Node(config(utxo()))).isInstanceOf(StoreException.class)
                .hasMessageContaining("holds a chain of the account ledger model; this node runs the utxo ledger model");
    }

    /** Without --ledger a node runs the model its data dir holds; with the other one, it is refused before opening. */
    @Test
    void theFlagTheDataDirAndTheDefaultChooseTheModel() {
        assertThat(org.powchain.cli.MainAccess.chooseLedger(null, java.util.Optional.empty())).isSameAs(AccountLedger.INSTANCE);
        assertThat(org.powchain.cli.MainAccess.chooseLedger(null, java.util.Optional.of("utxo"))).isSameAs(UtxoLedger.INSTANCE);
        assertThat(org.powchain.cli.MainAccess.chooseLedger("utxo", java.util.Optional.empty())).isSameAs(UtxoLedger.INSTANCE);
        assertThat(org.powchain.cli.MainAccess.chooseLedger("utxo", java.util.Optional.of("utxo"))).isSameAs(UtxoLedger.INSTANCE);
        assertThatThrownBy(() -> org.powchain.cli.MainAccess.chooseLedger("account", java.util.Optional.of("utxo")))
                .isInstanceOf(StoreException.class).hasMessageContaining("utxo ledger model; this node runs the account");
        assertThatThrownBy(() -> org.powchain.cli.MainAccess.chooseLedger("bitcoin", java.util.Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--ledger must be one of account, utxo, got 'bitcoin'");
    }
}
