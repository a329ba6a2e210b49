package org.powchain.core;

import java.nio.ByteBuffer;

/**
 * What the account model's ledger knows about one address: its balance and how many transactions
 * it has sent (the nonce its next transaction must carry). As a ledger entry: the address's 20
 * bytes as key, balance and nonce (8 bytes each, big-endian) as value; {@link #EMPTY} is no entry.
 */
public record AccountState(long balance, long nonce) {
    public static final AccountState EMPTY = new AccountState(0, 0);
    private static final int ENCODED_SIZE = 2 * Long.BYTES;

    public AccountState {
        if (balance < 0 || nonce < 0) {
            throw new IllegalArgumentException("balance and nonce are never negative");
        }
    }

    /** The ledger key of {@code address}'s account. */
    public static Bytes key(Address address) {
        return Bytes.of(address.toBytes());
    }

    /** The ledger value of this state; {@link Bytes#EMPTY} for {@link #EMPTY}, so the entry leaves the ledger. */
    public Bytes encode() {
        return equals(EMPTY) ? Bytes.EMPTY
                : Bytes.of(ByteBuffer.allocate(ENCODED_SIZE).putLong(balance).putLong(nonce).array());
    }

    public static AccountState decode(Bytes value) {
        if (value.isEmpty()) {
            return EMPTY;
        }
        if (value.size() != ENCODED_SIZE) {
            throw new IllegalArgumentException("an account is " + ENCODED_SIZE + " bytes, got " + value.size());
        }
        ByteBuffer in = ByteBuffer.wrap(value.toBytes());
        return new AccountState(in.getLong(), in.getLong());
    }

    /** The state of {@code address} in {@code ledger}. */
    public static AccountState of(LedgerView ledger, Address address) {
        return decode(ledger.get(key(address)));
    }
}
