package org.powchain.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * A {@link MempoolJournal} in the table {@code mempool}, with group commit: a commit costs about
 * the same for one row as for a hundred, so admissions that arrive while one commit runs wait
 * for it and then go together in the next, one SQLite transaction for all. Each caller returns
 * only once its own row is committed. No thread of its own: a caller that finds no commit running
 * becomes the committer for everything queued (leader and followers, as in PostgreSQL's group
 * commit of its WAL); the others wait for their row, not for a lock, so a finished one leaves at once.
 */
final class SqliteMempoolJournal implements MempoolJournal {
    /** A transaction waiting for the commit that saves it; its fields are guarded by {@link #turn}. */
    private static final class Pending {
        final Transaction tx;
        boolean done;
        StoreException failure;

        Pending(Transaction tx) {
            this.tx = tx;
        }
    }

    private final SqliteDatabase db;
    private final Transaction.Decoder decoder;
    private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
    /** Guards {@link #committing} and every Pending's outcome; waiters wait on it. */
    private final Object turn = new Object();
    private boolean committing;
    private final LongAdder commits = new LongAdder();
    private final LongAdder saved = new LongAdder();

    SqliteMempoolJournal(SqliteDatabase db, Transaction.Decoder decoder) {
        this.decoder = decoder;
        this.db = db;
        db.write("create the mempool table", c -> {
            try (Statement s = c.createStatement()) {
                // seq keeps the order transactions were acknowledged in
                s.execute("CREATE TABLE IF NOT EXISTS mempool (seq INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, tx BLOB NOT NULL)");
            }
        });
    }

    @Override
    public void add(Transaction tx) {
        Pending mine = new Pending(tx);
        queued.add(mine);
        if (waitForTurn(mine)) {
            commitQueued();
        }
        synchronized (turn) {
            if (mine.failure != null) {
                throw mine.failure;
            }
        }
    }

    /**
     * Waits until {@code mine} is committed by another caller (false) or no commit runs and it is
     * still queued (true: the caller commits). Not interruptible: the caller must learn its outcome.
     */
    private boolean waitForTurn(Pending mine) {
        boolean interrupted = false;
        try {
            synchronized (turn) {
                while (committing && !mine.done) {
                    try {
                        turn.wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (mine.done) {
                    return false;
                }
                committing = true;
                return true;
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queued.poll()) != null; ) {
            batch.add(p);
        }
        StoreException failure = null;
        try {
            db.write("save " + batch.size() + " acknowledged transaction(s)", c -> insert(c, batch.stream().map(p -> p.tx).toList()));
            commits.increment();
            saved.add(batch.size());
        } catch (StoreException e) {
            failure = e;
        } catch (RuntimeException e) { // never let a caller take an unsaved transaction for saved
            failure = new StoreException("cannot save " + batch.size() + " acknowledged transaction(s): " + e, e);
        } finally {
            synchronized (turn) {
                for (Pending p : batch) {
                    p.failure = failure;
                    p.done = true;
                }
                committing = false;
                turn.notifyAll();
            }
        }
    }

    private static void insert(Connection c, Collection<? extends Transaction> txs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO mempool (id, tx) VALUES (?, ?)")) {
            for (Transaction t : txs) {
                ps.setBytes(1, t.id().toBytes());
                ps.setBytes(2, t.encode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Transactions saved by {@link #add} per commit, on average since the store opened: how much group commit shares. */
    double transactionsPerCommit() {
        long n = commits.sum();
        return n == 0 ? 0 : (double) saved.sum() / n;
    }

    /** Transactions waiting for a commit now. */
    int waiting() {
        return queued.size();
    }

    @Override
    public void update(Collection<Hash> mined, Collection<? extends Transaction> returned) {
        if (mined.isEmpty() && returned.isEmpty()) {
            return;
        }
        db.write("update the saved mempool", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM mempool WHERE id = ?")) {
                for (Hash id : mined) {
                    ps.setBytes(1, id.toBytes());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            insert(c, returned);
        });
    }

    @Override
    public void replaceAll(List<? extends Transaction> txs) {
        db.write("save the mempool", c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM mempool");
            }
            insert(c, txs);
        });
    }

    @Override
    public List<Transaction> load() {
        try {
            return db.read("read the saved mempool", c -> {
                List<Transaction> txs = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tx FROM mempool ORDER BY seq")) {
                    while (rs.next()) {
                        txs.add(decoder.decode(rs.getBytes(1)));
                    }
                }
                return txs;
            });
        } catch (IllegalArgumentException e) {
            throw db.corrupted("a saved mempool transaction is unreadable: " + e.getMessage());
        }
    }
}
