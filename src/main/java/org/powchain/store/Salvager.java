package org.powchain.store;

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
import java.time.LocalDateTime;
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
    /** Beyond this a stored row count is itself damage; listing the rows is the fallback. */
    private static final long MAX_SEQ = 100_000_000L;

    private Salvager() {}

    /** What could be read back: valid-looking blocks in storage order, how many rows could not, the saved mempool. */
    record Salvaged(List<Block> blocks, int unreadable, List<Transaction> mempool) {}

    static Salvaged read(Path dir, Path file) {
        List<Block> blocks = new ArrayList<>();
        int unreadable = 0;
        List<Transaction> mempool = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (long seq : sequences(db)) {
                try (PreparedStatement ps = db.prepareStatement("SELECT hash, header, txs FROM blocks WHERE seq = ?")) {
                    ps.setLong(1, seq);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            blocks.add(SqliteStore.decodeBlock(dir, Hash.of(rs.getBytes(1)), rs.getBytes(2), rs.getBytes(3)));
                        }
                    }
                } catch (SQLException | StoreException | IllegalArgumentException e) {
                    unreadable++;
                }
            }
            try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT tx FROM mempool ORDER BY seq")) {
                while (rs.next()) {
                    mempool.add(Transaction.decode(rs.getBytes(1)));
                }
            } catch (SQLException | IllegalArgumentException e) {
                // what was read is kept; the rest of the mempool is lost, the chain is what matters
            }
        } catch (SQLException e) {
            // not even openable: nothing more to salvage, the node starts again from what was read
        }
        return new Salvaged(blocks, unreadable, mempool);
    }

    /** Every block row's seq: 1..max(seq) probed one by one, or, if max is unreadable, whatever a scan returns. */
    private static List<Long> sequences(Connection db) {
        List<Long> seqs = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT max(seq) FROM blocks")) {
            long max = rs.getLong(1);
            if (max >= 0 && max <= MAX_SEQ) {
                for (long i = 1; i <= max; i++) {
                    seqs.add(i);
                }
                return seqs;
            }
        } catch (SQLException e) {
            // fall back to a scan
        }
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT seq FROM blocks")) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        } catch (SQLException e) {
            // keep what the scan returned before the damage
        }
        return seqs;
    }

    /** Renames chain.db (and its -wal and -shm files) to chain.db.before-reindex-TIMESTAMP; returns the new name. */
    static Path moveAside(Path file) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
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
