package org.powchain.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChainStore} in an embedded SQLite database, {@code chain.db} in the node's data dir,
 * its three parts sharing one connection. See docs/concepts/storage.md for the tables and why
 * each write is one transaction.
 *
 * <p>Durability: the database runs in WAL mode (a commit appends to {@code chain.db-wal}; readers
 * never block the writer). With {@link Sync#NORMAL}, the default, a commit is a write into the
 * operating system, not yet a flush to the disk: it survives the process being killed at any
 * instant (kill -9, a JVM crash), which is what a node acknowledges against; a power cut or kernel
 * crash may lose the last commits, but never leaves a half-written one. {@link Sync#FULL} flushes
 * every commit to the disk as well (an fsync each time; see docs/PERFORMANCE.md for the cost).
 */
public final class SqliteStore implements ChainStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    static final String DB_FILE = SqliteDatabase.DB_FILE;

    /** How hard a commit tries to reach the disk. */
    public enum Sync { NORMAL, FULL }

    private final DataDirLock lock;
    private final SqliteDatabase db;
    private final SqliteBlockStore blocks;
    private final SqliteChainState state;
    private final SqliteMempoolJournal mempool;

    private SqliteStore(Path dir, DataDirLock lock, Sync sync, Transaction.Decoder decoder) {
        long started = System.nanoTime();
        this.lock = lock;
        this.db = new SqliteDatabase(dir, sync);
        try {
            this.blocks = new SqliteBlockStore(db, decoder);
            this.state = new SqliteChainState(db);
            this.mempool = new SqliteMempoolJournal(db, decoder);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        log.info("store {}: pages intact, main chain of {} blocks, ledger of {} entries matches its checksum ({} ms)",
                db.file(), state.length(), state.ledger().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Opens (or creates) the store in {@code dir}, taking the data dir's lock; checks what it reads.
     * {@code decoder} reads the ledger model's transactions ({@code consensus.Ledger} is one).
     */
    public static SqliteStore open(Path dir, Transaction.Decoder decoder) {
        return open(dir, Sync.NORMAL, decoder);
    }

    public static SqliteStore open(Path dir, Sync sync, Transaction.Decoder decoder) {
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            return new SqliteStore(dir, lock, sync, decoder);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The ledger model the chain in {@code dir} was made with, read without opening the store (which
     * needs the model to read blocks): what a node started without {@code --ledger} runs. Empty for a
     * data dir with no chain yet, or one written before the model was recorded (an account-model
     * chain, the only model there was). Read-only; takes no lock.
     */
    public static Optional<String> storedLedger(Path dir) {
        Path file = dir.resolve(DB_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
            ps.setString(1, BlockStore.LEDGER_SETTING);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            return Optional.empty(); // no settings table yet, or unreadable: opening the store says what is wrong
        }
    }

    /** What {@code --reindex} could read back from a database, and the new store to rebuild it in. */
    public record Reindexing(SqliteStore store, List<Block> blocks, int unreadableBlocks, List<Transaction> mempool,
                             Optional<Path> keptAs) {}

    /**
     * For {@code --reindex}: reads back every block that can still be read from the database in
     * {@code dir} (one row at a time, so a damaged page costs only the rows on it, and each block
     * is checked against its hash), moves the old files aside, and opens an empty store in their
     * place. The data dir stays locked throughout. The caller validates and connects the blocks again.
     */
    public static Reindexing reindex(Path dir, Sync sync, Transaction.Decoder decoder) {
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            Path file = dir.resolve(DB_FILE);
            if (!Files.exists(file)) {
                return new Reindexing(new SqliteStore(dir, lock, sync, decoder), List.of(), 0, List.of(), Optional.empty());
            }
            Salvager.Salvaged read = Salvager.read(dir, file, decoder);
            Path keptAs = Salvager.moveAside(file);
            return new Reindexing(new SqliteStore(dir, lock, sync, decoder), read.blocks(), read.unreadable(), read.mempool(),
                    Optional.of(keptAs));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public BlockStore blocks() {
        return blocks;
    }

    @Override
    public ChainState state() {
        return state;
    }

    @Override
    public MempoolJournal mempool() {
        return mempool;
    }

    /** How many acknowledged transactions each mempool commit has saved on average (group commit at work). */
    public double mempoolTransactionsPerCommit() {
        return mempool.transactionsPerCommit();
    }

    /** The shared connection's lock: a test holding it stalls every write, to see writers queue. */
    Object database() {
        return db;
    }

    @Override
    public void close() {
        db.close();
        lock.close();
    }
}
