package org.powchain.core;

/**
 * What a block carries, whatever the ledger model: the account model's {@link AccountTransaction}
 * today, a UTXO model's transaction tomorrow. Blocks, the Merkle tree, block storage and peers
 * need only what is here: the id, the canonical bytes and their length. What a transaction means
 * (who pays whom, which rules it must pass, its JSON) belongs to its ledger model,
 * {@code consensus.Ledger}. See docs/concepts/ledger-models.md.
 */
public interface Transaction {

    /** SHA-256d of {@link #encode()}: what the Merkle tree and every index use. */
    Hash id();

    /** The one canonical encoding: the id is hashed from it, stores and the block size count it. */
    byte[] encode();

    /** The length of {@link #encode()}, without copying it. */
    int size();

    /** The block's first transaction, which creates the reward instead of moving coins. */
    boolean isCoinbase();

    /** Turns canonical bytes back into a transaction of one model: what a store is given to read blocks. */
    @FunctionalInterface
    interface Decoder {
        /** Throws IllegalArgumentException if {@code bytes} are not a transaction of this model. */
        Transaction decode(byte[] bytes);
    }
}
