package org.powchain.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.LedgerChange;
import org.powchain.core.Transaction;

/**
 * The bytes {@link SqliteStore} writes for what has no column of its own: a block's transactions
 * (a count, then each transaction's fixed-size canonical encoding, as on the wire) and undo data
 * (the accounts before, then after, each as address, balance, nonce).
 */
final class StoreCodec {
    private static final int ACCOUNT_SIZE = Address.SIZE + 2 * Long.BYTES;

    private StoreCodec() {}

    static byte[] transactions(List<Transaction> txs) {
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + txs.size() * Transaction.SIZE).putInt(txs.size());
        txs.forEach(t -> out.put(t.encode()));
        return out.array();
    }

    static List<Transaction> transactions(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int n = in.getInt();
        if (n < 0 || bytes.length != Integer.BYTES + (long) n * Transaction.SIZE) {
            throw new IllegalArgumentException("transaction list of " + bytes.length + " bytes claims " + n + " transactions");
        }
        List<Transaction> txs = new ArrayList<>(n);
        byte[] one = new byte[Transaction.SIZE];
        for (int i = 0; i < n; i++) {
            in.get(one);
            txs.add(Transaction.decode(one));
        }
        return txs;
    }

    static byte[] ledgerChange(LedgerChange change) {
        ByteBuffer out = ByteBuffer.allocate(2 * Integer.BYTES
                + (change.before().size() + change.after().size()) * ACCOUNT_SIZE);
        putAccounts(out, change.before());
        putAccounts(out, change.after());
        return out.array();
    }

    static LedgerChange ledgerChange(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Map<Address, AccountState> before = getAccounts(in);
        Map<Address, AccountState> after = getAccounts(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("undo data has " + in.remaining() + " trailing bytes");
        }
        return new LedgerChange(before, after);
    }

    private static void putAccounts(ByteBuffer out, Map<Address, AccountState> accounts) {
        out.putInt(accounts.size());
        accounts.forEach((a, s) -> out.put(a.toBytes()).putLong(s.balance()).putLong(s.nonce()));
    }

    private static Map<Address, AccountState> getAccounts(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || (long) n * ACCOUNT_SIZE > in.remaining()) {
            throw new IllegalArgumentException("undo data claims " + n + " accounts");
        }
        Map<Address, AccountState> accounts = new LinkedHashMap<>();
        byte[] address = new byte[Address.SIZE];
        for (int i = 0; i < n; i++) {
            in.get(address);
            accounts.put(Address.of(address), new AccountState(in.getLong(), in.getLong()));
        }
        return accounts;
    }
}
