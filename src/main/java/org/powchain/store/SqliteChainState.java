package org.powchain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.powchain.core.Bytes;
import org.powchain.core.Hash;
import org.powchain.core.LedgerChange;

/**
 * A {@link ChainState} in the tables {@code main_chain}, {@code ledger}, {@code undo} and
 * {@code meta}. The main chain's hashes and the ledger are also kept in memory, loaded and checked
 * on open, so ledger reads never touch the disk and never wait for a write.
 *
 * <p>The ledger is checked with a checksum written in the same transaction as each tip change:
 * a row changed behind the store's back, or a ledger from another tip, is found on open.
 */
final class SqliteChainState extends MirroredChainState {
    private final SqliteDatabase db;
    private long checksum;

    SqliteChainState(SqliteDatabase db) {
        this.db = db;
        db.write("create the chain state tables", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS main_chain (height INTEGER PRIMARY KEY, hash BLOB NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS undo (hash BLOB PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID");
                s.execute("CREATE TABLE IF NOT EXISTS ledger (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
            }
        });
        load();
    }

    /**
     * Reads the main chain and the ledger into memory and checks them against each other: heights
     * run 0..tip without a gap, the ledger was written with this tip, and it matches its checksum.
     */
    private void load() {
        long[] stored;
        try {
            stored = readMainChainAndLedger();
        } catch (IllegalArgumentException e) {
            throw db.corrupted("unreadable row: " + e.getMessage());
        }
        if (stored[0] != length() - 1) {
            throw db.corrupted("the ledger was written at height " + stored[0] + " but the main chain ends at "
                    + (length() - 1));
        }
        checksum = LedgerChecksum.of(ledger().entries());
        if (checksum != stored[1]) {
            throw db.corrupted("the ledger's " + ledger().size() + " entries do not match the checksum written with the tip");
        }
    }

    /** The stored ledger height and checksum, after reading the main chain and the ledger's entries into memory. */
    private long[] readMainChainAndLedger() {
        return db.read("read the main chain and ledger", c -> {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT height, hash FROM main_chain ORDER BY height")) {
                    while (rs.next()) {
                        if (rs.getInt(1) != length()) {
                            throw db.corrupted("the main chain jumps from height " + (length() - 1) + " to " + rs.getInt(1));
                        }
                        append(Hash.of(rs.getBytes(2)));
                    }
                }
                Map<Bytes, Bytes> entries = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SELECT key, value FROM ledger")) {
                    while (rs.next()) {
                        entries.put(Bytes.of(rs.getBytes(1)), Bytes.of(rs.getBytes(2)));
                    }
                }
                write(entries);
                return new long[] {meta(s, "ledger_height", -1), meta(s, "ledger_checksum", 0)};
            }
        });
    }

    private static long meta(Statement s, String key, long absent) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = '" + key + "'")) {
            return rs.next() ? rs.getLong(1) : absent;
        }
    }

    @Override
    public synchronized void connect(Hash hash, int height, LedgerChange change) {
        checkConnect(height);
        long newChecksum = checksumAfter(change.after());
        db.write("connect block " + hash, c -> {
            writeEntries(c, change.after());
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO undo (hash, data) VALUES (?, ?)")) {
                ps.setBytes(1, hash.toBytes());
                ps.setBytes(2, StoreCodec.ledgerChange(change));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO main_chain (height, hash) VALUES (?, ?)")) {
                ps.setInt(1, height);
                ps.setBytes(2, hash.toBytes());
                ps.executeUpdate();
            }
            writeLedgerMeta(c, height, newChecksum);
        });
        write(change.after());
        checksum = newChecksum;
        append(hash);
    }

    @Override
    public synchronized void disconnect(Hash hash, int height, Hash newTip) {
        checkDisconnect(hash, height, newTip);
        LedgerChange change = undo(hash);
        long newChecksum = checksumAfter(change.before());
        db.write("disconnect block " + hash, c -> {
            writeEntries(c, change.before());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM undo WHERE hash = ?")) {
                ps.setBytes(1, hash.toBytes());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM main_chain WHERE height = ?")) {
                ps.setInt(1, height);
                ps.executeUpdate();
            }
            writeLedgerMeta(c, height - 1, newChecksum);
        });
        write(change.before());
        checksum = newChecksum;
        removeTip();
    }

    private LedgerChange undo(Hash hash) {
        try {
            return db.read("read undo data of " + hash, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT data FROM undo WHERE hash = ?")) {
                    ps.setBytes(1, hash.toBytes());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw db.corrupted("no undo data for main-chain block " + hash);
                        }
                        return StoreCodec.ledgerChange(rs.getBytes(1));
                    }
                }
            });
        } catch (IllegalArgumentException e) {
            throw db.corrupted("undo data of block " + hash + " is unreadable: " + e.getMessage());
        }
    }

    private long checksumAfter(Map<Bytes, Bytes> changed) {
        long sum = checksum;
        for (Map.Entry<Bytes, Bytes> e : changed.entrySet()) {
            sum += LedgerChecksum.of(e.getKey(), e.getValue()) - LedgerChecksum.of(e.getKey(), entry(e.getKey()));
        }
        return sum;
    }

    private static void writeEntries(Connection c, Map<Bytes, Bytes> entries) throws SQLException {
        try (PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO ledger (key, value) VALUES (?, ?)");
             PreparedStatement delete = c.prepareStatement("DELETE FROM ledger WHERE key = ?")) {
            for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
                if (e.getValue().isEmpty()) {
                    delete.setBytes(1, e.getKey().toBytes());
                    delete.addBatch();
                } else {
                    put.setBytes(1, e.getKey().toBytes());
                    put.setBytes(2, e.getValue().toBytes());
                    put.addBatch();
                }
            }
            put.executeBatch();
            delete.executeBatch();
        }
    }

    private static void writeLedgerMeta(Connection c, int height, long ledgerChecksum) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
            ps.setString(1, "ledger_height");
            ps.setLong(2, height);
            ps.addBatch();
            ps.setString(1, "ledger_checksum");
            ps.setLong(2, ledgerChecksum);
            ps.addBatch();
            ps.executeBatch();
        }
    }
}
