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
 * The SQLite connections the parts of a {@link SqliteStore} share, {@code chain.db} in the data
 * dir, and the plumbing around them: one transaction per write, errors that name the file. Writes
 * take turns on one connection under this object's lock (SQLite takes one writer at a time
 * anyway); reads have a connection of their own, so in WAL mode a read never waits for a write in
 * progress: it sees what was committed before it began.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    static final String DB_FILE = "chain.db";
    private static final int SCHEMA_VERSION = SchemaMigration.CURRENT;
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
    private final Connection reader;
    private final Object readLock = new Object();

    SqliteDatabase(Path dir, SqliteStore.Sync sync) {
        this.dir = dir;
        SqliteNativeLibrary.useCachedCopy();
        SQLiteConfig config = new SQLiteConfig();
        try {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(sync == SqliteStore.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL
                    : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            this.db = config.createConnection("jdbc:sqlite:" + dir.resolve(DB_FILE));
        } catch (SQLException e) {
            throw failure("open the database", e);
        }
        try {
            this.reader = config.createConnection("jdbc:sqlite:" + dir.resolve(DB_FILE));
        } catch (SQLException e) {
            closeQuietly(db);
            throw failure("open the database for reading", e);
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
                try {
                    if (SchemaMigration.migrate(c, version)) {
                        log.info("store {}: migrated from schema {} to {}", file(), version, SCHEMA_VERSION);
                    }
                } catch (IllegalArgumentException e) {
                    throw corrupted("cannot migrate from schema " + version + ": " + e.getMessage());
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

    /** Runs {@code query} on the reading connection: it does not wait for a write in progress. */
    <T> T read(String what, SqlQuery<T> query) {
        synchronized (readLock) {
            try {
                return query.run(reader);
            } catch (SQLException e) {
                throw failure(what, e);
            }
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
    public void close() {
        synchronized (readLock) {
            closeQuietly(reader);
        }
        synchronized (this) {
            closeQuietly(db); // the last connection to close checkpoints the WAL into chain.db
        }
    }

    private void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.warn("closing {}: {}", file(), e.getMessage());
        }
    }
}
