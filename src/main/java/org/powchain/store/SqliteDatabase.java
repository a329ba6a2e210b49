package org.powchain.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite connection the parts of a {@link SqliteStore} share, {@code chain.db} in the data
 * dir, and the plumbing around it: one transaction per write, errors that name the file. SQLite
 * takes one writer at a time anyway, so the parts take turns on this object's lock.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    static final String DB_FILE = "chain.db";
    private static final int SCHEMA_VERSION = 1;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;

    interface SqlWork {
        void run(Connection db) throws SQLException;
    }

    interface SqlQuery<T> {
        T run(Connection db) throws SQLException;
    }

    private final Path dir;
    private final Connection db;

    SqliteDatabase(Path dir, SqliteStore.Sync sync) {
        this.dir = dir;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(sync == SqliteStore.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL
                    : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            this.db = config.createConnection("jdbc:sqlite:" + dir.resolve(DB_FILE));
        } catch (SQLException e) {
            throw failure("open the database", e);
        }
        try {
            checkSchemaVersion();
            quickCheck();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void checkSchemaVersion() {
        write("check the schema version", c -> {
            try (Statement s = c.createStatement()) {
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.getInt(1);
                }
                if (version > SCHEMA_VERSION) {
                    throw new StoreException(file() + " was written by a newer powchain (schema " + version
                            + "); this one reads schema " + SCHEMA_VERSION);
                }
                s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
        });
    }

    /**
     * Walks every page: a truncated or torn file shows here, not later in the middle of a request.
     * SQLite keeps no checksums of what it stores, so content is checked as it is read (block hashes).
     */
    private void quickCheck() {
        String result = read("check the file", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(1)")) {
                return rs.getString(1);
            }
        });
        if (!"ok".equals(result)) {
            throw corrupted("SQLite's quick_check reports " + result);
        }
    }

    /** Runs {@code work} as one transaction: committed entirely or not at all. */
    synchronized void write(String what, SqlWork work) {
        try {
            db.setAutoCommit(false);
            try {
                work.run(db);
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

    synchronized <T> T read(String what, SqlQuery<T> query) {
        try {
            return query.run(db);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    Path dir() {
        return dir;
    }

    Path file() {
        return dir.resolve(DB_FILE);
    }

    StoreException failure(String what, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) {
            return new StoreCorruptedException(dir, "SQLite could not " + what + " (" + e.getMessage() + ")", e);
        }
        return new StoreException("cannot " + what + " in " + file() + ": " + e.getMessage(), e);
    }

    StoreCorruptedException corrupted(String what) {
        return new StoreCorruptedException(dir, what);
    }

    @Override
    public synchronized void close() {
        try {
            db.close(); // the last connection to close checkpoints the WAL into chain.db
        } catch (SQLException e) {
            log.warn("closing {}: {}", file(), e.getMessage());
        }
    }
}
