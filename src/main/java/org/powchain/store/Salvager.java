package org.powchain.store;

import org.powchain.core.WallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * Reads what can still be read from a possibly damaged {@code chain.db}, for {@code --reindex}:
 * blocks one row at a time, so a damaged page loses only the rows on it, each checked against
 * its hash; then moves the file aside so a new one can be built.
 */
final class Salvager {
    /** Rows deleted for invalid branches leave short gaps in seq; this many misses in a row is the end. */
    private static final int GIVE_UP_AFTER = 10_000;
    private static final long MAX_SEQ = 100_000_000L;

    private Salvager() {}

    /** What could be read back: valid-looking blocks in storage order, how many rows could not, the saved mempool. */
    record Salvaged(List<Block> blocks, int unreadable, List<Transaction> mempool) {}

    static Salvaged read(Path dir, Path file, Transaction.Decoder decoder) {
        List<Block> blocks = new ArrayList<>();
        int unreadable = 0;
        List<Transaction> mempool = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = db.createStatement()) {
                // Lets SQLite open a file shorter than its header says (a truncated one) instead of refusing
                // it outright; nothing is written through this connection.
                s.execute("PRAGMA writable_schema = ON");
            }
            int version = schemaVersion(db);
            // Probe seq 1, 2, ... one row at a time, since a damaged page breaks any scan or max(); stop
            // after a long run without a readable row. Failures count as unreadable blocks only when a
            // readable one follows them: past the last block, lookups may fail on the damaged end too.
            try (PreparedStatement ps = db.prepareStatement("SELECT hash, header, txs FROM blocks WHERE seq = ?")) {
                int misses = 0;
                int failures = 0;
                for (long seq = 1; misses < GIVE_UP_AFTER && seq <= MAX_SEQ; seq++) {
                    try {
                        ps.setLong(1, seq);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                misses++;
                                continue;
                            }
                            byte[] txs = version < SchemaMigration.CURRENT ? SchemaMigration.transactionsV1(rs.getBytes(3)) : rs.getBytes(3);
                            blocks.add(SqliteBlockStore.decodeBlock(dir, decoder, Hash.of(rs.getBytes(1)), rs.getBytes(2), txs));
                            unreadable += failures;
                            failures = 0;
                            misses = 0;
                        }
                    } catch (SQLException | StoreException | IllegalArgumentException e) {
                        failures++;
                        misses++;
                    }
                }
            }
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT tx FROM mempool ORDER BY seq")) {
                while (rs.next()) {
                    mempool.add(decoder.decode(rs.getBytes(1)));
                }
            } catch (SQLException | IllegalArgumentException e) {
                // what was read is kept; the rest of the mempool is lost, the chain is what matters
            }
        } catch (SQLException e) {
            // not even openable: nothing more to salvage, the node starts again from what was read
        }
        return new Salvaged(blocks, unreadable, mempool);
    }

    /** The file's schema, to read blocks an older powchain wrote; the current one if it cannot be read. */
    private static int schemaVersion(Connection db) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            return SchemaMigration.CURRENT;
        }
    }

    /** Renames chain.db (and its -wal and -shm files) to chain.db.before-reindex-TIMESTAMP; returns the new name. */
    static Path moveAside(Path file) {
        String stamp = LocalDateTime.ofInstant(Instant.ofEpochMilli(WallClock.millis()), ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path kept = file.resolveSibling(file.getFileName() + ".before-reindex-" + stamp);
        try {
            Files.move(file, kept, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, kept.resolveSibling(kept.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return kept;
        } catch (IOException e) {
            throw new StoreException("cannot move " + file + " aside for --reindex: " + e.getMessage(), e);
        }
    }
}
