package org.powchain.consensus;

import java.util.function.Function;
import org.powchain.core.Address;
import org.powchain.core.Transaction;

/**
 * A ledger model's transactions as named fields: the one JSON shape the API, the wire, the wallet
 * and the light client write and read. It names fields and values only; the JSON library is the
 * caller's ({@code wire.WireFormat} adapts Jackson), so this stays pure. Reached through
 * {@link Ledger#codec()}.
 */
public interface TransactionCodec {

    /** Where fields are written, in order. */
    interface Fields {
        void put(String name, String value);

        void put(String name, long value);

        void put(String name, boolean value);

        /** A list of objects under {@code name} (a UTXO transaction's inputs), written even if nothing is added. */
        Elements list(String name);
    }

    /** The objects of one list, added in order. */
    @FunctionalInterface
    interface Elements {
        /** A new object at the end of the list, whose fields are written into what this returns. */
        Fields add();
    }

    /** Where fields are read from; a missing or malformed field throws, naming it. */
    interface FieldReader {
        /** A whole number that fits in 64 bits. */
        long wholeNumber(String name);

        /** Exactly {@code bytes} bytes as hex. */
        byte[] hex(String name, int bytes);

        /** A list of at most {@code max} objects, each read by what this returns in its place. */
        java.util.List<FieldReader> list(String name, int max);
    }

    /** The fields a peer or a node needs to rebuild {@code tx}: what {@link #read} reads. */
    void write(Transaction tx, Fields out);

    /**
     * {@link #write}'s fields with display fields among them, for people: who pays whom, and the
     * demo names {@code names} gives addresses (null for none). {@link #read} ignores them.
     */
    void writeForDisplay(Transaction tx, Fields out, Function<Address, String> names);

    /** A transaction from the fields {@link #write} writes; IllegalArgumentException if they make none. */
    Transaction read(FieldReader in);
}
