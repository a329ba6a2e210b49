package org.powchain.store;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.MerkleTree;
import org.powchain.core.Transaction;

/**
 * A {@link BlockStore} in the tables {@code blocks} and {@code settings}. Transactions are stored
 * as their bytes ({@link StoreCodec}) and read back by the ledger model's decoder, so this class
 * stores any model's blocks. The last blocks read or
 * written are cached: connecting a block reads back the one just stored. No lock is held across
 * the database: a read (the explorer, a peer's request) never waits for a block being written.
 */
final class SqliteBlockStore implements BlockStore {
    private static final int BLOCK_CACHE = 64;

    private final SqliteDatabase db;
    private final Transaction.Decoder decoder;
    private final Map<Hash, Block> cache = new LinkedHashMap<>(BLOCK_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Block> eldest) {
            return size() > BLOCK_CACHE;
        }
    };

    SqliteBlockStore(SqliteDatabase db, Transaction.Decoder decoder) {
        this.db = db;
        this.decoder = decoder;
        // seq gives blocks their arrival order; txs is last so that reading the block index never
        // loads the transactions (they sit in overflow pages).
        db.write("create the block tables", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS blocks (seq INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE,"
                        + " height INTEGER NOT NULL, chain_work BLOB NOT NULL, header BLOB NOT NULL, txs BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
        });
    }

    @Override
    public void putBlock(Block block, int height, BigInteger chainWork) {
        db.write("store block " + block.hash(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO blocks (hash, height, chain_work, header, txs) VALUES (?, ?, ?, ?, ?)")) {
                ps.setBytes(1, block.hash().toBytes());
                ps.setInt(2, height);
                ps.setBytes(3, chainWork.toByteArray());
                ps.setBytes(4, block.header().encode());
                ps.setBytes(5, StoreCodec.transactions(block.transactions()));
                ps.executeUpdate();
            }
        });
        synchronized (cache) {
            cache.put(block.hash(), block);
        }
    }

    @Override
    public Optional<Block> block(Hash hash) {
        synchronized (cache) {
            Block cached = cache.get(hash);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<Block> read = db.read("read block " + hash, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT header, txs FROM blocks WHERE hash = ?")) {
                ps.setBytes(1, hash.toBytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decodeBlock(db.dir(), decoder, hash, rs.getBytes(1), rs.getBytes(2)))
                            : Optional.<Block>empty();
                }
            }
        });
        read.ifPresent(b -> {
            synchronized (cache) {
                cache.put(hash, b);
            }
        });
        return read;
    }

    /** Rebuilds a block and checks it is the one stored under {@code hash}: SQLite does not checksum what it stores. */
    static Block decodeBlock(Path dir, Transaction.Decoder decoder, Hash hash, byte[] header, byte[] txs) {
        try {
            Block block = new Block(BlockHeader.decode(header), StoreCodec.transactions(txs, decoder));
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
    public List<IndexEntry> blockIndex() {
        try {
            return db.read("read the block index", c -> {
                List<IndexEntry> index = new ArrayList<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT hash, height, chain_work, header FROM blocks ORDER BY seq")) {
                    while (rs.next()) {
                        Hash hash = Hash.of(rs.getBytes(1));
                        BlockHeader header = BlockHeader.decode(rs.getBytes(4));
                        if (!header.hash().equals(hash)) {
                            throw db.corrupted("block " + hash + " is stored with a header that hashes to " + header.hash());
                        }
                        index.add(new IndexEntry(hash, header, rs.getInt(2), new BigInteger(rs.getBytes(3))));
                    }
                }
                return index;
            });
        } catch (IllegalArgumentException e) {
            throw db.corrupted("unreadable block index row: " + e.getMessage());
        }
    }

    @Override
    public void deleteBlock(Hash hash) {
        db.write("delete block " + hash, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM blocks WHERE hash = ?")) {
                ps.setBytes(1, hash.toBytes());
                ps.executeUpdate();
            }
        });
        synchronized (cache) {
            cache.remove(hash);
        }
    }

    @Override
    public Optional<String> setting(String key) {
        return db.read("read setting " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void putSetting(String key, String value) {
        db.write("write setting " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
        });
    }
}
