package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.chain.ChainBuilder;
import org.powchain.chain.ChainManager;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;

/** What only the SQLite engine does: survive a restart, refuse a foreign or damaged file, group commit. */
@Tag("unit")
class SqliteStoreTest extends StoreContract {
    @Override
    ChainStore newStore(Path dir) {
        return SqliteStore.open(dir);
    }

    /** A chain with a side branch and a saved transaction, closed. */
    private ChainManager buildAndClose() throws Exception {
        ChainManager chain = builder.newChain(store);
        Block a1 = builder.child(builder.genesis(), Transaction.signed(NET, A, C, 100, 1, 0));
        chain.process(a1);
        chain.process(builder.child(a1));
        chain.process(builder.child(builder.genesis())); // side branch
        store.mempool().add(Transaction.signed(NET, B, C, 7, 0, 0));
        store.close();
        return chain;
    }

    @Test
    void aReopenedStoreHoldsTheSameChainLedgerAndMempool() throws Exception {
        ChainManager before = buildAndClose();

        store = SqliteStore.open(dir);
        ChainManager after = builder.newChain(store);

        assertThat(after.queries().tipNode().hash()).isEqualTo(before.queries().tipNode().hash());
        assertThat(after.queries().height()).isEqualTo(2);
        assertThat(after.queries().branchTips()).hasSize(2);
        assertThat(store.state().ledger()).isEqualTo(ledgerOf(before));
        assertThat(store.mempool().load()).extracting(Transaction::amount).containsExactly(7L);
        assertThat(after.queries().blocks(0, 10)).isEqualTo(before.queries().blocks(0, 10));
    }

    private static Map<Address, AccountState> ledgerOf(ChainManager chain) {
        return Map.of(A.address(), chain.queries().account(A.address()), B.address(), chain.queries().account(B.address()),
                C, chain.queries().account(C), ChainBuilder.MINER, chain.queries().account(ChainBuilder.MINER));
    }

    @Test
    void aTieBetweenBranchesStillGoesToTheFirstSeenAfterARestart() throws Exception {
        ChainManager chain = builder.newChain(store);
        Block b1 = builder.child(builder.genesis());
        Block a1 = builder.child(builder.genesis());
        chain.process(b1);
        chain.process(a1);
        store.close();

        store = SqliteStore.open(dir);
        assertThat(builder.newChain(store).queries().tipNode().hash()).isEqualTo(b1.hash());
    }

    @Test
    void aChainMadeWithOtherConsensusParametersIsRefusedNotMixedIn() throws Exception {
        buildAndClose();
        store = SqliteStore.open(dir);
        ChainBuilder other = new ChainBuilder(builder.params().withPinnedDifficulty(3));

        assertThatThrownBy(() -> other.newChain(store))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("other consensus parameters")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aSecondStoreOnTheSameDataDirIsRefused() {
        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(DataDirLockedException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("in use by another powchain node")
                .hasMessageContaining("--data-dir");
        store.close();
        store = SqliteStore.open(dir); // closing released it
    }

    @Test
    void aLedgerRowChangedBehindTheStoresBackIsNamedAsDamage() throws Exception {
        buildAndClose();
        sql("UPDATE accounts SET balance = balance + 1 WHERE address = (SELECT address FROM accounts LIMIT 1)");

        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("checksum")
                .hasMessageContaining("--reindex");
    }

    @Test
    void aBlockWhoseBytesChangedIsNamedAsDamageNotServed() throws Exception {
        buildAndClose();
        sql("UPDATE blocks SET txs = zeroblob(length(txs)) WHERE height = 1");

        store = SqliteStore.open(dir);
        assertThatThrownBy(() -> builder.newChain(store))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("--reindex");
    }

    @Test
    void aFileOverwrittenWithGarbageIsNamedAsDamage() throws Exception {
        buildAndClose();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(SqliteStore.DB_FILE).toFile(), "rw")) {
            f.seek(0);
            f.write(new byte[4096]); // the header page: SQLite no longer recognises the file
        }
        assertThatThrownBy(() -> SqliteStore.open(dir))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("--reindex");
    }

    @Test
    void aTruncatedFileIsNamedAsDamage() throws Exception {
        buildAndClose();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(SqliteStore.DB_FILE).toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        assertThatThrownBy(() -> builder.newChain(store = SqliteStore.open(dir)))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("--reindex");
    }

    @Test
    void aBlockIsReadWhileAWriteHoldsTheDatabase() throws Exception {
        Hash tip = buildAndClose().queries().tipNode().hash();
        store = SqliteStore.open(dir); // nothing cached: the block comes from the file
        SqliteStore sqlite = (SqliteStore) store;
        synchronized (sqlite.database()) { // a write in progress: a block being stored, a reorg
            CompletableFuture<Optional<Block>> read = CompletableFuture.supplyAsync(() -> store.blocks().block(tip));
            assertThat(read.get(5, TimeUnit.SECONDS)).isPresent();
        }
    }

    @Test
    void transactionsArrivingDuringACommitShareTheNextAndEachWaitsForItsOwn() throws Exception {
        SqliteStore sqlite = (SqliteStore) store;
        SqliteMempoolJournal journal = (SqliteMempoolJournal) sqlite.mempool();
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            txs.add(Transaction.signed(NET, Keys.demo("u" + i), C, 1, 0, 0));
        }
        AtomicInteger returned = new AtomicInteger();
        List<Thread> adders = new ArrayList<>();
        for (Transaction t : txs) {
            adders.add(new Thread(() -> {
                journal.add(t);
                returned.incrementAndGet();
            }));
        }
        synchronized (sqlite.database()) { // the disk is slow: the first commit cannot finish
            adders.get(0).start();
            await().atMost(Duration.ofSeconds(10)).until(() -> adders.get(0).getState() == Thread.State.BLOCKED);
            adders.subList(1, 10).forEach(Thread::start);
            await().atMost(Duration.ofSeconds(10)).until(() -> journal.waiting() == 9);
            assertThat(returned).hasValue(0); // nobody is answered before its row is committed
        }
        for (Thread t : adders) {
            t.join(10_000);
        }

        assertThat(returned).hasValue(10);
        assertThat(sqlite.mempoolTransactionsPerCommit()).isEqualTo(5.0); // one commit of 1, then one of 9
        store.close();
        store = SqliteStore.open(dir);
        assertThat(store.mempool().load()).containsExactlyInAnyOrderElementsOf(txs);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStore.DB_FILE));
             Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
