package org.powchain.store;

import java.nio.ByteBuffer;
import java.util.Map;
import org.powchain.core.AccountState;
import org.powchain.core.Address;
import org.powchain.core.Hashing;

/**
 * A checksum of the whole ledger that can be updated one account at a time: the sum (mod 2^64) of
 * a hash of every account's address, balance and nonce. Connecting a block subtracts the old
 * states of the accounts it touches and adds the new ones, so the store keeps the checksum next to
 * the tip in the same transaction, and start-up can recompute it from the accounts table to prove
 * the ledger is the one written with that tip. An empty account counts as zero, like a missing row.
 */
final class LedgerChecksum {
    private LedgerChecksum() {}

    static long of(Address address, AccountState state) {
        if (state.equals(AccountState.EMPTY)) {
            return 0;
        }
        byte[] bytes = ByteBuffer.allocate(Address.SIZE + 16)
                .put(address.toBytes()).putLong(state.balance()).putLong(state.nonce()).array();
        return ByteBuffer.wrap(Hashing.sha256(bytes)).getLong();
    }

    static long of(Map<Address, AccountState> ledger) {
        long sum = 0;
        for (Map.Entry<Address, AccountState> e : ledger.entrySet()) {
            sum += of(e.getKey(), e.getValue());
        }
        return sum;
    }
}
