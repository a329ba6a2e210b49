package org.powchain.core;

import java.util.List;

/**
 * A header plus the transactions its Merkle root commits to. The first transaction is the
 * coinbase. Immutable; the hash is computed once.
 */
public final class Block {
    private final BlockHeader header;
    private final List<Transaction> transactions;
    private final Hash hash;
    private final int size;

    public Block(BlockHeader header, List<? extends Transaction> transactions) {
        this.header = header;
        this.transactions = List.copyOf(transactions);
        this.hash = header.hash();
        this.size = BlockHeader.SIZE + 4 + this.transactions.stream().mapToInt(Transaction::size).sum();
    }

    public BlockHeader header() {
        return header;
    }

    public List<Transaction> transactions() {
        return transactions;
    }

    public Hash hash() {
        return hash;
    }

    public Hash previousHash() {
        return header.previousHash();
    }

    /** Size of the binary encoding: header, a 4-byte count, each transaction's bytes. */
    public int sizeBytes() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && hash.equals(b.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + hash.toHex().substring(0, 16) + ", " + transactions.size() + " txs]";
    }
}
