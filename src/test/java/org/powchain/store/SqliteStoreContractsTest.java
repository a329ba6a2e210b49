package org.powchain.store;

import org.powchain.consensus.AccountLedger;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The SQLite engine against each part's contract. */
@Tag("unit")
class SqliteStoreContractsTest {
    @Nested
    class Blocks extends BlockStoreContract {
        @Override
        ChainStore newStore(Path dir) {
            return SqliteStore.open(dir, AccountLedger.INSTANCE);
        }
    }

    @Nested
    class State extends ChainStateContract {
        @Override
        ChainStore newStore(Path dir) {
            return SqliteStore.open(dir, AccountLedger.INSTANCE);
        }
    }

    @Nested
    class Journal extends MempoolJournalContract {
        @Override
        ChainStore newStore(Path dir) {
            return SqliteStore.open(dir, AccountLedger.INSTANCE);
        }
    }
}
