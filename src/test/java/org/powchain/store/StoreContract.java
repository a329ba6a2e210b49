package org.powchain.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.chain.ChainBuilder;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;

/** What the part contracts share: a fresh store of the engine under test, and a chain to fill it with. */
abstract class StoreContract {
    static final Keys A = Keys.demo("A");
    static final Keys B = Keys.demo("B");
    static final Address C = Keys.demo("C").address();

    final ChainBuilder builder = new ChainBuilder();
    final NetworkId NET = builder.network();
    @TempDir
    Path dir;
    ChainStore store;

    /** A new, empty store of the engine under test; a data dir engine keeps it in {@code dir}. */
    abstract ChainStore newStore(Path dir) throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = newStore(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }
}
