package org.powchain.consensus;

import java.util.function.Function;
import org.powchain.core.Address;
import org.powchain.core.Transaction;

/**
 * A ledger model's transactions as named fields: the one JSON shape the API, the wire, the wallet
 * and the light client write and read. It names fields and values only; the JSON library is the
 * caller's ({@code p2p.WireFormat} adapts Jackson), so this stays pure. Reached through
 * {@link Ledger#codec()}.
 */
public interface TransactionCodec {

    /** Where fields are written, in order. */
    interface Fields {
        void put(String name, String value);

        void put(String name, long value);

        void put(String name, boolean value);
    }

    /** Where fields are read from; a missing or malformed field throws, naming it. */
    interface FieldReader {
        /** A whole number that fits in 64 bits. */
        long wholeNumber(String name);

        /** Exactly {@code bytes} bytes as hex. */
        byte[] hex(String name, int bytes);
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
