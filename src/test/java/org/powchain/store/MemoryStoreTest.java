package org.powchain.store;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;

/** The memory engine against each part's contract. */
@Tag("unit")
class MemoryStoreTest {
    @Nested
    class Blocks extends BlockStoreContract {
        @Override
        ChainStore newStore(Path dir) {
            return new MemoryStore();
        }
    }

    @Nested
    class State extends ChainStateContract {
        @Override
        ChainStore newStore(Path dir) {
            return new MemoryStore();
        }
    }

    @Nested
    class Journal extends MempoolJournalContract {
        @Override
        ChainStore newStore(Path dir) {
            return new MemoryStore();
        }
    }
}
