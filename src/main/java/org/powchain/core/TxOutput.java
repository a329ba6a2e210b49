package org.powchain.core;

import java.nio.ByteBuffer;

/**
 * A coin: {@code amount} base units that only the holder of a key hashing to {@code owner} may
 * spend. Outputs are spent whole; what the spender does not pay away comes back as a change output.
 * Any amount can be built and decoded: that it is positive is a consensus rule
 * ({@code consensus/UtxoRules}), so a bad one is refused with a named rule rather than a parse error.
 */
public record TxOutput(long amount, Address owner) {
    /** Encoded size: the amount as 8 bytes big-endian, then the 20-byte owner. */
    public static final int SIZE = Long.BYTES + Address.SIZE;

    public TxOutput {
        if (owner == null) {
            throw new IllegalArgumentException("an output has an owner");
        }
    }

    void writeTo(ByteBuffer out) {
        out.putLong(amount).put(owner.toBytes());
    }

    static TxOutput readFrom(ByteBuffer in) {
        long amount = in.getLong();
        byte[] owner = new byte[Address.SIZE];
        in.get(owner);
        return new TxOutput(amount, Address.of(owner));
    }
}
