package org.powchain.store;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * A {@link ChainStore} in an embedded SQLite database, {@code chain.db} in the node's data dir.
 * See docs/concepts/storage.md for the tables and why each write is one transaction.
 *
 * <p>Durability: the database runs in WAL mode (a commit appends to {@code chain.db-wal}; readers
 * never block the writer). With {@link Sync#NORMAL}, the default, a commit is a write into the
 * operating system, not yet a flush to the disk: it survives the process being killed at any
 * instant (kill -9, a JVM crash), which is what a node acknowledges against; a power cut or kernel
 * crash may lose the last commits, but never leaves a half-written one. {@link Sync#FULL} flushes
 * every commit to the disk as well (an fsync each time; see docs/PERFORMANCE.md for the cost).
 *
 * <p>The ledger and the main chain's hashes are also kept in memory, loaded on open: reads of
 * balances never touch the disk. Threads: one connection, used under this object's lock; writes
 * come from the chain layer's single writer and from mempool admissions.
 */
public final class SqliteStore implements ChainStore {
    private static final Logger log = LoggerFactory.getLogger(SqliteStore.class);
    static final String DB_FILE = "chain.db";
    private static final int SCHEMA_VERSION = 1;
    private static final int BLOCK_CACHE = 64;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    /** How hard a commit tries to reach the disk. */
    public enum Sync { NORMAL, FULL }

    private final Path dir;
    private final DataDirLock lock;
    private final Connection db;
    private final List<Hash> mainChain = new ArrayList<>();
    private final Map<Address, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<Hash, Block> cache = new LinkedHashMap<>(BLOCK_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Block> eldest) {
            return size() > BLOCK_CACHE;
        }
    };
    private long checksum;
    private PreparedStatement insertMempool;

    private SqliteStore(Path dir, DataDirLock lock, Sync sync) {
        this.dir = dir;
        this.lock = lock;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(sync == Sync.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            this.db = config.createConnection("jdbc:sqlite:" + dir.resolve(DB_FILE));
        } catch (SQLException e) {
            throw failure("open the database", e);
        }
        try {
            createSchema();
            load();
        } catch (RuntimeException e) {
            closeConnection();
            throw e;
        }
    }

    /** Opens (or creates) the store in {@code dir}, taking the data dir's lock; checks what it reads. */
    public static SqliteStore open(Path dir) {
        return open(dir, Sync.NORMAL);
    }

    public static SqliteStore open(Path dir, Sync sync) {
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            return new SqliteStore(dir, lock, sync);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
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
    public static Reindexing reindex(Path dir, Sync sync) {
        DataDirLock lock = DataDirLock.acquire(dir);
        try {
            Path file = dir.resolve(DB_FILE);
            if (!Files.exists(file)) {
                return new Reindexing(new SqliteStore(dir, lock, sync), List.of(), 0, List.of(), Optional.empty());
            }
            Salvager.Salvaged read = Salvager.read(dir, file);
            Path keptAs = Salvager.moveAside(file);
            return new Reindexing(new SqliteStore(dir, lock, sync), read.blocks(), read.unreadable(), read.mempool(),
                    Optional.of(keptAs));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private void createSchema() {
        try (Statement s = db.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            if (version > SCHEMA_VERSION) {
                throw new StoreException(dir.resolve(DB_FILE) + " was written by a newer powchain (schema " + version
                        + "); this one reads schema " + SCHEMA_VERSION);
            }
            // seq gives blocks and mempool rows their arrival order; txs is last so that reading the
            // block index never loads the transactions (they sit in overflow pages).
            s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS blocks (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE,"
                    + " height INTEGER NOT NULL, chain_work BLOB NOT NULL, header BLOB NOT NULL, txs BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS main_chain (height INTEGER PRIMARY KEY, hash BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS undo (hash BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS accounts (address BLOB PRIMARY KEY, balance INTEGER NOT NULL,"
                    + " nonce INTEGER NOT NULL) WITHOUT ROWID");
            s.execute("CREATE TABLE IF NOT EXISTS mempool (seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, tx BLOB NOT NULL)");
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        } catch (SQLException e) {
            throw failure("create the tables", e);
        }
    }

    /**
     * Reads the main chain and the ledger into memory and checks them against each other: heights
     * run 0..tip without a gap, the ledger was written with this tip, and it matches its checksum.
     */
    private void load() {
        long started = System.nanoTime();
        try (Statement s = db.createStatement()) {
            // Walks every page: a truncated or torn file shows here, not later in the middle of a request.
            // SQLite keeps no checksums of what it stores, so content is checked as it is read (block hashes).
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
                String result = rs.getString(1);
                if (!"ok".equals(result)) {
                    throw corrupted("SQLite's quick_check reports " + result);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT height, hash FROM main_chain ORDER BY height")) {
                while (rs.next()) {
                    if (rs.getInt(1) != mainChain.size()) {
                        throw corrupted("the main chain jumps from height " + (mainChain.size() - 1) + " to " + rs.getInt(1));
                    }
                    mainChain.add(Hash.of(rs.getBytes(2)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT address, balance, nonce FROM accounts")) {
                while (rs.next()) {
                    accounts.put(Address.of(rs.getBytes(1)), new AccountState(rs.getLong(2), rs.getLong(3)));
                }
            }
            long ledgerHeight = meta(s, "ledger_height", -1);
            long storedChecksum = meta(s, "ledger_checksum", 0);
            if (ledgerHeight != mainChain.size() - 1) {
                throw corrupted("the ledger was written at height " + ledgerHeight + " but the main chain ends at "
                        + (mainChain.size() - 1));
            }
            checksum = LedgerChecksum.of(accounts);
            if (checksum != storedChecksum) {
                throw corrupted("the ledger's " + accounts.size() + " accounts do not match the checksum written with the tip");
            }
        } catch (SQLException e) {
            throw failure("read the main chain and ledger", e);
        } catch (IllegalArgumentException e) {
            throw corrupted("unreadable row: " + e.getMessage());
        }
        log.info("store {}: pages intact, main chain of {} blocks, ledger of {} accounts matches its checksum ({} ms)",
                dir.resolve(DB_FILE), mainChain.size(), accounts.size(), (System.nanoTime() - started) / 1_000_000);
    }

    private static long meta(Statement s, String key, long absent) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getLong(1) : absent;
        }
    }

    // ---- blocks ----

    @Override
    public synchronized void putBlock(Block block, int height, BigInteger chainWork) {
        write("store block " + block.hash(), () -> {
            try (PreparedStatement ps = db.prepareStatement(
                    "INSERT OR IGNORE INTO blocks (hash, height, chain_work, header, txs) VALUES (?, ?, ?, ?, ?)")) {
                ps.setBytes(1, block.hash().toBytes());
                ps.setInt(2, height);
                ps.setBytes(3, chainWork.toByteArray());
                ps.setBytes(4, block.header().encode());
                ps.setBytes(5, StoreCodec.transactions(block.transactions()));
                ps.executeUpdate();
            }
        });
        cache.put(block.hash(), block);
    }

    @Override
    public synchronized Optional<Block> block(Hash hash) {
        Block cached = cache.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (PreparedStatement ps = db.prepareStatement("SELECT header, txs FROM blocks WHERE hash = ?")) {
            ps.setBytes(1, hash.toBytes());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Block block = decodeBlock(hash, rs.getBytes(1), rs.getBytes(2));
                cache.put(hash, block);
                return Optional.of(block);
            }
        } catch (SQLException e) {
            throw failure("read block " + hash, e);
        }
    }

    /** Rebuilds a block and checks it is the one stored under {@code hash}: SQLite does not checksum what it stores. */
    private Block decodeBlock(Hash hash, byte[] header, byte[] txs) {
        return decodeBlock(dir, hash, header, txs);
    }

    static Block decodeBlock(Path dir, Hash hash, byte[] header, byte[] txs) {
        try {
            Block block = new Block(BlockHeader.decode(header), StoreCodec.transactions(txs));
            if (!block.hash().equals(hash)) {
                throw new StoreCorruptedException(dir, "block " + hash + " is stored with a header that hashes to " + block.hash());
            }
            if (!MerkleTree.rootOf(block.transactions()).equals(block.header().merkleRoot())) {
                throw new StoreCorruptedException(dir, "block " + hash + " is stored with transactions that do not match its Merkle root");
            }
            return block;
        } catch (IllegalArgumentException e) {
            throw new StoreCorruptedException(dir, "block " + hash + " is unreadable: " + e.getMessage());
        }
    }

    @Override
    public synchronized List<IndexEntry> blockIndex() {
        List<IndexEntry> index = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT hash, height, chain_work, header FROM blocks ORDER BY seq")) {
            while (rs.next()) {
                Hash hash = Hash.of(rs.getBytes(1));
                BlockHeader header = BlockHeader.decode(rs.getBytes(4));
                if (!header.hash().equals(hash)) {
                    throw corrupted("block " + hash + " is stored with a header that hashes to " + header.hash());
                }
                index.add(new IndexEntry(hash, header, rs.getInt(2), new BigInteger(rs.getBytes(3))));
            }
        } catch (SQLException e) {
            throw failure("read the block index", e);
        } catch (IllegalArgumentException e) {
            throw corrupted("unreadable block index row: " + e.getMessage());
        }
        return index;
    }

    @Override
    public synchronized void deleteBlock(Hash hash) {
        if (mainChain.contains(hash)) {
            throw new IllegalStateException("cannot delete a main-chain block");
        }
        write("delete block " + hash, () -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM blocks WHERE hash = ?")) {
                ps.setBytes(1, hash.toBytes());
                ps.executeUpdate();
            }
        });
        cache.remove(hash);
    }

    // ---- main chain and ledger ----

    @Override
    public synchronized void connect(Hash hash, int height, LedgerChange change) {
        if (height != mainChain.size()) {
            throw new IllegalStateException("connect at height " + height + " on a chain of " + mainChain.size());
        }
        Block block = block(hash).orElseThrow(() -> new IllegalStateException("connect of unstored block " + hash));
        long newChecksum = checksumAfter(change.after());
        write("connect block " + hash, () -> {
            writeAccounts(change.after());
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO undo (hash, data) VALUES (?, ?)")) {
                ps.setBytes(1, hash.toBytes());
                ps.setBytes(2, StoreCodec.ledgerChange(change));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO main_chain (height, hash) VALUES (?, ?)")) {
                ps.setInt(1, height);
                ps.setBytes(2, hash.toBytes());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM mempool WHERE id = ?")) {
                for (Transaction t : block.transactions()) {
                    ps.setBytes(1, t.id().toBytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            writeLedgerMeta(height, newChecksum);
        });
        remember(change.after());
        checksum = newChecksum;
        mainChain.add(hash);
    }

    @Override
    public synchronized void disconnect(Hash hash, int height, Hash newTip) {
        if (height != mainChain.size() - 1 || !mainChain.get(height).equals(hash) || !mainChain.get(height - 1).equals(newTip)) {
            throw new IllegalStateException("disconnect of a block that is not the tip");
        }
        LedgerChange change = undo(hash).orElseThrow(() -> corrupted("no undo data for main-chain block " + hash));
        Block block = block(hash).orElseThrow(() -> corrupted("main-chain block " + hash + " is missing"));
        long newChecksum = checksumAfter(change.before());
        write("disconnect block " + hash, () -> {
            writeAccounts(change.before());
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM undo WHERE hash = ?")) {
                ps.setBytes(1, hash.toBytes());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM main_chain WHERE height = ?")) {
                ps.setInt(1, height);
                ps.executeUpdate();
            }
            // Its transactions were acknowledged once; they wait in the mempool again.
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO mempool (id, tx) VALUES (?, ?)")) {
                for (Transaction t : block.transactions()) {
                    if (!t.isCoinbase()) {
                        ps.setBytes(1, t.id().toBytes());
                        ps.setBytes(2, t.encode());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            writeLedgerMeta(height - 1, newChecksum);
        });
        remember(change.before());
        checksum = newChecksum;
        mainChain.remove(height);
    }

    /** Mirrors committed account states in memory; an empty account has no row, so no entry either. */
    private void remember(Map<Address, AccountState> states) {
        states.forEach((a, s) -> {
            if (s.equals(AccountState.EMPTY)) {
                accounts.remove(a);
            } else {
                accounts.put(a, s);
            }
        });
    }

    private long checksumAfter(Map<Address, AccountState> changed) {
        long sum = checksum;
        for (Map.Entry<Address, AccountState> e : changed.entrySet()) {
            sum += LedgerChecksum.of(e.getKey(), e.getValue()) - LedgerChecksum.of(e.getKey(), account(e.getKey()));
        }
        return sum;
    }

    private void writeAccounts(Map<Address, AccountState> states) throws SQLException {
        try (PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO accounts (address, balance, nonce) VALUES (?, ?, ?)");
             PreparedStatement delete = db.prepareStatement("DELETE FROM accounts WHERE address = ?")) {
            for (Map.Entry<Address, AccountState> e : states.entrySet()) {
                if (e.getValue().equals(AccountState.EMPTY)) {
                    delete.setBytes(1, e.getKey().toBytes());
                    delete.addBatch();
                } else {
                    put.setBytes(1, e.getKey().toBytes());
                    put.setLong(2, e.getValue().balance());
                    put.setLong(3, e.getValue().nonce());
                    put.addBatch();
                }
            }
            put.executeBatch();
            delete.executeBatch();
        }
    }

    private void writeLedgerMeta(int height, long ledgerChecksum) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            ps.setString(1, "ledger_height");
            ps.setLong(2, height);
            ps.addBatch();
            ps.setString(1, "ledger_checksum");
            ps.setLong(2, ledgerChecksum);
            ps.addBatch();
            ps.executeBatch();
        }
    }

    @Override
    public synchronized Optional<LedgerChange> undo(Hash hash) {
        try (PreparedStatement ps = db.prepareStatement("SELECT data FROM undo WHERE hash = ?")) {
            ps.setBytes(1, hash.toBytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(StoreCodec.ledgerChange(rs.getBytes(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read undo data of " + hash, e);
        } catch (IllegalArgumentException e) {
            throw corrupted("undo data of block " + hash + " is unreadable: " + e.getMessage());
        }
    }

    @Override
    public synchronized Optional<Hash> tip() {
        return mainChain.isEmpty() ? Optional.empty() : Optional.of(mainChain.get(mainChain.size() - 1));
    }

    @Override
    public synchronized Optional<Hash> mainChainHash(int height) {
        return height >= 0 && height < mainChain.size() ? Optional.of(mainChain.get(height)) : Optional.empty();
    }

    @Override
    public AccountState account(Address address) {
        return accounts.getOrDefault(address, AccountState.EMPTY);
    }

    @Override
    public synchronized Map<Address, AccountState> ledger() {
        return Map.copyOf(accounts);
    }

    // ---- mempool ----

    @Override
    public synchronized void addMempoolTx(Transaction tx) {
        try {
            insertMempoolTx(tx); // one statement in autocommit mode: its own transaction, the cheapest commit
        } catch (SQLException e) {
            throw failure("save transaction " + tx.id(), e);
        }
    }

    private void insertMempoolTx(Transaction tx) throws SQLException {
        if (insertMempool == null) { // prepared once: every acknowledged transaction comes through here
            insertMempool = db.prepareStatement("INSERT OR IGNORE INTO mempool (id, tx) VALUES (?, ?)");
        }
        insertMempool.setBytes(1, tx.id().toBytes());
        insertMempool.setBytes(2, tx.encode());
        insertMempool.executeUpdate();
    }

    @Override
    public synchronized void saveMempool(List<Transaction> txs) {
        write("save the mempool", () -> {
            try (Statement s = db.createStatement()) {
                s.executeUpdate("DELETE FROM mempool");
            }
            for (Transaction t : txs) {
                insertMempoolTx(t);
            }
        });
    }

    @Override
    public synchronized List<Transaction> loadMempool() {
        List<Transaction> txs = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT tx FROM mempool ORDER BY seq")) {
            while (rs.next()) {
                txs.add(Transaction.decode(rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw failure("read the saved mempool", e);
        } catch (IllegalArgumentException e) {
            throw corrupted("a saved mempool transaction is unreadable: " + e.getMessage());
        }
        return txs;
    }

    // ---- plumbing ----

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} as one transaction: committed entirely or not at all. */
    private void write(String what, SqlWork work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run();
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private StoreException failure(String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
            return new StoreCorruptedException(dir, "SQLite could not " + what + " (" + e.getMessage() + ")", e);
        }
        return new StoreException("cannot " + what + " in " + dir.resolve(DB_FILE) + ": " + e.getMessage(), e);
    }

    private StoreCorruptedException corrupted(String what) {
        return new StoreCorruptedException(dir, what);
    }

    private void closeConnection() {
        try {
            db.close(); // the last connection to close checkpoints the WAL into chain.db
        } catch (SQLException e) {
            log.warn("closing {}: {}", dir.resolve(DB_FILE), e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
        lock.close();
    }
}
