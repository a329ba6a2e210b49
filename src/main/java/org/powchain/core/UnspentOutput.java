package org.powchain.core;

import java.nio.ByteBuffer;

/**
 * What the UTXO set keeps for one unspent output (Bitcoin Core calls it a {@code Coin}): the output,
 * the height of the block that created it, and whether a coinbase did, because a coinbase's outputs
 * may only be spent once they have matured (a reorg could otherwise erase coins already passed on).
 */
public record UnspentOutput(TxOutput output, int height, boolean coinbase) {
    /** Encoded size: the output, the height (4 bytes), a coinbase flag (1 byte). */
    public static final int SIZE = TxOutput.SIZE + Integer.BYTES + 1;

    public UnspentOutput {
        if (output == null || height < 0) {
            throw new IllegalArgumentException("an unspent output has an output and a height of 0 or more");
        }
    }

    public long amount() {
        return output.amount();
    }

    public Address owner() {
        return output.owner();
    }

    /** The 33 bytes the undo record and the set's hash use: amount, owner, height, coinbase flag. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        writeTo(out);
        return out.array();
    }

    /** The output {@link #encode} wrote; IllegalArgumentException for anything but exactly those 33 bytes. */
    public static UnspentOutput decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an unspent output is " + SIZE + " bytes, got " + bytes.length);
        }
        return readFrom(ByteBuffer.wrap(bytes));
    }

    void writeTo(ByteBuffer out) {
        output.writeTo(out);
        out.putInt(height).put((byte) (coinbase ? 1 : 0));
    }

    static UnspentOutput readFrom(ByteBuffer in) {
        TxOutput output = TxOutput.readFrom(in);
        int height = in.getInt();
        byte flag = in.get();
        if (flag != 0 && flag != 1) {
            throw new IllegalArgumentException("coinbase flag " + flag);
        }
        return new UnspentOutput(output, height, flag == 1);
    }
}
