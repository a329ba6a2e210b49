package org.powchain.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brings a {@code chain.db} written by an older powchain up to the current schema, inside the
 * transaction that checks the version, so a crash leaves it wholly old or wholly new.
 *
 * <p>Schema 1 knew one ledger model, accounts: a block's transactions were a count and fixed-size
 * 148-byte account transactions, the ledger a table {@code accounts (address, balance, nonce)},
 * undo data accounts of 36 bytes (address, balance, nonce), the empty account written as zeros.
 * Schema 2 is model-neutral (see {@link StoreCodec}): transactions length-prefixed, the ledger
 * a table {@code ledger (key, value)}, undo data entries, an empty account no value, and the
 * consensus parameters kept with the chain name their ledger model. The bytes are the same bytes
 * moved, so the ledger checksum and every block hash stay what they were.
 */
final class SchemaMigration {
    static final int CURRENT = 2;
    private static final int V1_TX_SIZE = 148;
    private static final int V1_ADDRESS_SIZE = 20;
    private static final int V1_ACCOUNT_SIZE = V1_ADDRESS_SIZE + 2 * Long.BYTES;

    private SchemaMigration() {}

    /** Migrates from {@code version} to {@link #CURRENT}; returns whether anything was rewritten. */
    static boolean migrate(Connection c, int version) throws SQLException {
        if (version == 1) {
            fromVersion1(c);
            return true;
        }
        return false;
    }

    private static void fromVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (tableExists(c, "blocks")) {
                rewrite(c, "blocks", "seq", "txs", SchemaMigration::transactionsV1);
            }
            if (tableExists(c, "undo")) {
                rewrite(c, "undo", "hash", "data", SchemaMigration::undoV1);
            }
            if (tableExists(c, "accounts")) {
                s.execute("CREATE TABLE ledger (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
                try (ResultSet rs = s.executeQuery("SELECT address, balance, nonce FROM accounts");
                     PreparedStatement put = c.prepareStatement("INSERT INTO ledger (key, value) VALUES (?, ?)")) {
                    while (rs.next()) {
                        put.setBytes(1, rs.getBytes(1));
                        put.setBytes(2, ByteBuffer.allocate(2 * Long.BYTES).putLong(rs.getLong(2)).putLong(rs.getLong(3)).array());
                        put.addBatch();
                    }
                    put.executeBatch();
                }
                s.execute("DROP TABLE accounts");
            }
            if (tableExists(c, "settings")) {
                // The stored consensus parameters predate the ledger model parameter, which schema 1 knew only one value of.
                s.execute("UPDATE settings SET value = substr(value, 1, length(value) - 1) || ', ledger=account]'"
                        + " WHERE key = 'consensus-params' AND value LIKE '%]' AND value NOT LIKE '%ledger=%'");
            }
        }
    }

    private interface Recode {
        byte[] apply(byte[] old);
    }

    /** Rewrites column {@code column} of every row of {@code table}, found by {@code id}. */
    private static void rewrite(Connection c, String table, String id, String column, Recode recode) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + id + ", " + column + " FROM " + table)) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getObject(1), recode.apply(rs.getBytes(2))});
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + id + " = ?")) {
            for (Object[] row : rows) {
                ps.setBytes(1, (byte[]) row[1]);
                ps.setObject(2, row[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A count, then fixed-size transactions, becomes a count, then length-prefixed ones. */
    static byte[] transactionsV1(byte[] old) {
        ByteBuffer in = ByteBuffer.wrap(old);
        int n = in.getInt();
        if (n < 0 || old.length != Integer.BYTES + (long) n * V1_TX_SIZE) {
            throw new IllegalArgumentException("a schema-1 transaction list of " + old.length + " bytes claims " + n);
        }
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + n * (Integer.BYTES + V1_TX_SIZE)).putInt(n);
        byte[] tx = new byte[V1_TX_SIZE];
        for (int i = 0; i < n; i++) {
            in.get(tx);
            StoreCodec.putBytes(out, tx);
        }
        return out.array();
    }

    /** Accounts before and after become entries; an all-zero account (none) becomes no value. */
    static byte[] undoV1(byte[] old) {
        ByteBuffer in = ByteBuffer.wrap(old);
        List<byte[][]> before = accountsV1(in);
        List<byte[][]> after = accountsV1(in);
        ByteBuffer out = ByteBuffer.allocate(old.length + 2 * (before.size() + after.size()) * Integer.BYTES);
        for (List<byte[][]> side : List.of(before, after)) {
            out.putInt(side.size());
            side.forEach(e -> {
                StoreCodec.putBytes(out, e[0]);
                StoreCodec.putBytes(out, e[1]);
            });
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static List<byte[][]> accountsV1(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * V1_ACCOUNT_SIZE > in.remaining()) {
            throw new IllegalArgumentException("schema-1 undo data claims " + n + " accounts");
        }
        List<byte[][]> accounts = new ArrayList<>(n);
        byte[] zero = new byte[2 * Long.BYTES];
        for (int i = 0; i < n; i++) {
            byte[] address = new byte[V1_ADDRESS_SIZE];
            byte[] state = new byte[2 * Long.BYTES];
            in.get(address).get(state);
            accounts.add(new byte[][] {address, Arrays.equals(state, zero) ? new byte[0] : state});
        }
        return accounts;
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
