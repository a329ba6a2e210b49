package org.powchain.store;

import org.powchain.core.WallClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.AccountState;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.LedgerView;

/**
 * A data dir written by powchain before the ledger seam (schema 1: fixed-size account transactions,
 * an {@code accounts} table) still opens. The fixture {@code store/schema-1/chain.db} is the README
 * tour run by that version with the default parameters: {@code addtx A->B 100}, {@code mine},
 * {@code addtx B->carol 30 fee 2}, {@code mine}, then {@code addtx A->carol 5} left in the mempool,
 * on a node named {@code tutor}.
 */
@Tag("unit")
class SchemaMigrationTest {
    static final Hash TIP = Hash.fromHex("0000d5b9d66bbfe270941efe3aed5612b9b297af592c612378594d70d8d83117");
    static final Hash BLOCK_1 = Hash.fromHex("000053d2f925d37e5a66efe495749dbc210c21d6dcfebd46465db12d9e64f733");
    static final Hash PENDING = Hash.fromHex("fe19f0c94ac249552f92d460e324d05b3be8aaf3d077cad2674992f942a36d7a");

    @TempDir
    Path dir;

    @Test
    void aSchema1DataDirOpensWithItsChainBalancesAndMempool() throws Exception {
        copyFixture();
        try (SqliteStore store = SqliteStore.open(dir, AccountLedger.INSTANCE)) {
            // opening checks the chain against its parameters, the ledger against its checksum and a replay
            ChainManager chain = ChainManager.open(ConsensusParams.defaults(), store, new SignatureVerifier(100),
                    WallClock::millis);
            assertThat(chain.queries().height()).isEqualTo(2);
            assertThat(chain.queries().tipNode().hash()).isEqualTo(TIP);
            assertThat(chain.queries().blockAt(1).orElseThrow().transactions()).hasSize(2);
            LedgerView ledger = chain.queries().snapshot().ledger();
            assertThat(account(ledger, "A")).isEqualTo(new AccountState(900, 1));
            assertThat(account(ledger, "B")).isEqualTo(new AccountState(1068, 1));
            assertThat(account(ledger, "carol")).isEqualTo(new AccountState(30, 0));
            assertThat(account(ledger, "tutor")).isEqualTo(new AccountState(102, 0));
            assertThat(store.mempool().load()).extracting(t -> t.id()).containsExactly(PENDING);
        }
        assertThat(userVersion()).isEqualTo(SchemaMigration.CURRENT);
    }

    @Test
    void undoDataWrittenBySchema1StepsTheLedgerBack() throws Exception {
        copyFixture();
        try (SqliteStore store = SqliteStore.open(dir, AccountLedger.INSTANCE)) {
            store.state().disconnect(TIP, 2, BLOCK_1);
            LedgerView ledger = store.state().ledger();
            assertThat(account(ledger, "B")).isEqualTo(new AccountState(1100, 0));
            assertThat(account(ledger, "carol")).isEqualTo(AccountState.EMPTY); // an account block 2 created is gone
            assertThat(account(ledger, "tutor")).isEqualTo(new AccountState(50, 0));
            assertThat(ledger.size()).isEqualTo(3);
        }
        try (SqliteStore reopened = SqliteStore.open(dir, AccountLedger.INSTANCE)) { // the checksum followed the step
            assertThat(reopened.state().tip()).contains(BLOCK_1);
        }
    }

    @Test
    void aMigratedDataDirOpensAgainUnchanged() throws Exception {
        copyFixture();
        SqliteStore.open(dir, AccountLedger.INSTANCE).close();
        try (SqliteStore store = SqliteStore.open(dir, AccountLedger.INSTANCE)) {
            assertThat(store.state().tip()).contains(TIP);
            assertThat(account(store.state().ledger(), "A")).isEqualTo(new AccountState(900, 1));
        }
    }

    private static AccountState account(LedgerView ledger, String demoName) {
        return AccountState.of(ledger, Keys.demo(demoName).address());
    }

    private void copyFixture() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/store/schema-1/chain.db")) {
            Files.copy(in, dir.resolve(SqliteStore.DB_FILE));
        }
    }

    private int userVersion() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.DB_FILE));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }
}
