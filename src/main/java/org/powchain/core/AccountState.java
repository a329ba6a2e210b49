package org.powchain.core;

/**
 * What the ledger knows about one address: its balance and how many transactions it has sent
 * (the nonce its next transaction must carry).
 */
public record AccountState(long balance, long nonce) {
    public static final AccountState EMPTY = new AccountState(0, 0);

    public AccountState {
        if (balance < 0 || nonce < 0) {
            throw new IllegalArgumentException("balance and nonce are never negative");
        }
    }
}
