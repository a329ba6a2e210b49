package org.powchain.store;

import java.nio.ByteBuffer;
import java.util.Map;
import org.powchain.core.Bytes;
import org.powchain.core.Hashing;

/**
 * A checksum of the whole ledger that can be updated one entry at a time: the sum (mod 2^64) of
 * a hash of every entry's key and value (for an account: address, balance and nonce). Connecting a
 * block subtracts the old values of the entries it touches and adds the new ones, so the store
 * keeps the checksum next to the tip in the same transaction, and start-up can recompute it from
 * the ledger table to prove the ledger is the one written with that tip. An empty value counts as
 * zero, like a missing row.
 */
final class LedgerChecksum {
    private LedgerChecksum() {}

    static long of(Bytes key, Bytes value) {
        if (value.isEmpty()) {
            return 0;
        }
        byte[] bytes = ByteBuffer.allocate(key.size() + value.size()).put(key.toBytes()).put(value.toBytes()).array();
        return ByteBuffer.wrap(Hashing.sha256(bytes)).getLong();
    }

    static long of(Map<Bytes, Bytes> ledger) {
        long sum = 0;
        for (Map.Entry<Bytes, Bytes> e : ledger.entrySet()) {
            sum += of(e.getKey(), e.getValue());
        }
        return sum;
    }
}
