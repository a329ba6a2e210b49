package org.powchain.store;

import org.junit.jupiter.api.Tag;

@Tag("unit")
class MemoryStoreTest extends ChainStoreContract {
    @Override
    ChainStore newStore() {
        return new MemoryStore();
    }
}
