package org.powchain.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.powchain.core.Bytes;
import org.powchain.core.LedgerChange;
import org.powchain.core.Transaction;

/**
 * The bytes {@link SqliteStore} writes for what has no column of its own: a block's transactions
 * (a count, then each transaction's canonical encoding after its length, so that any ledger
 * model's transactions fit) and undo data (the entries before, then after, each as key and value
 * after their lengths). Lengths and counts are 4-byte big-endian.
 */
final class StoreCodec {

    private StoreCodec() {}

    static byte[] transactions(List<? extends Transaction> txs) {
        int size = Integer.BYTES;
        for (Transaction t : txs) {
            size += Integer.BYTES + t.size();
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(txs.size());
        txs.forEach(t -> putBytes(out, t.encode()));
        return out.array();
    }

    static List<Transaction> transactions(byte[] bytes, Transaction.Decoder decoder) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int n = count(in, Integer.BYTES, "transaction list");
        List<Transaction> txs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            txs.add(decoder.decode(getBytes(in, "transaction")));
        }
        requireEnd(in, "transaction list");
        return txs;
    }

    static byte[] ledgerChange(LedgerChange change) {
        int size = 2 * Integer.BYTES + entriesSize(change.before()) + entriesSize(change.after());
        ByteBuffer out = ByteBuffer.allocate(size);
        putEntries(out, change.before());
        putEntries(out, change.after());
        return out.array();
    }

    static LedgerChange ledgerChange(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Map<Bytes, Bytes> before = getEntries(in);
        Map<Bytes, Bytes> after = getEntries(in);
        requireEnd(in, "undo data");
        return new LedgerChange(before, after);
    }

    private static int entriesSize(Map<Bytes, Bytes> entries) {
        int size = 0;
        for (Map.Entry<Bytes, Bytes> e : entries.entrySet()) {
            size += 2 * Integer.BYTES + e.getKey().size() + e.getValue().size();
        }
        return size;
    }

    private static void putEntries(ByteBuffer out, Map<Bytes, Bytes> entries) {
        out.putInt(entries.size());
        entries.forEach((k, v) -> {
            putBytes(out, k.toBytes());
            putBytes(out, v.toBytes());
        });
    }

    private static Map<Bytes, Bytes> getEntries(ByteBuffer in) {
        int n = count(in, 2 * Integer.BYTES, "undo data");
        Map<Bytes, Bytes> entries = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            entries.put(Bytes.of(getBytes(in, "undo key")), Bytes.of(getBytes(in, "undo value")));
        }
        return entries;
    }

    static void putBytes(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes.length).put(bytes);
    }

    private static byte[] getBytes(ByteBuffer in, String what) {
        if (in.remaining() < Integer.BYTES) {
            throw new IllegalArgumentException(what + " is cut short");
        }
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException(what + " claims " + length + " bytes, " + in.remaining() + " remain");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** A count, checked against what remains: each item takes at least {@code minItemSize} bytes. */
    private static int count(ByteBuffer in, int minItemSize, String what) {
        if (in.remaining() < Integer.BYTES) {
            throw new IllegalArgumentException(what + " is cut short");
        }
        int n = in.getInt();
        if (n < 0 || (long) n * minItemSize > in.remaining()) {
            throw new IllegalArgumentException(what + " of " + in.capacity() + " bytes claims " + n + " items");
        }
        return n;
    }

    private static void requireEnd(ByteBuffer in, String what) {
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(what + " has " + in.remaining() + " trailing bytes");
        }
    }
}
