package org.powchain.core;

import java.nio.ByteBuffer;

/**
 * Names one output of one transaction: the transaction's id and the output's position in it,
 * counting from 0. In the UTXO model an input spends an outpoint, and an outpoint can be spent
 * once. Written {@code txid:index} (64 hex digits, a colon, a decimal index), as the API shows it.
 * See docs/concepts/accounts-and-utxos.md.
 */
public record OutPoint(Hash txid, int index) implements Comparable<OutPoint> {
    /** Encoded size: the 32-byte id, then the index as 4 bytes big-endian. */
    public static final int SIZE = Hash.SIZE + Integer.BYTES;

    public OutPoint {
        if (txid == null) {
            throw new IllegalArgumentException("an outpoint names a transaction");
        }
        if (index < 0) {
            throw new IllegalArgumentException("an output index is 0 or more, got " + index);
        }
    }

    /** Parses {@code txid:index}; throws IllegalArgumentException on anything else. */
    public static OutPoint parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("an outpoint is written txid:index");
        }
        String index = text.substring(colon + 1);
        if (index.isEmpty() || index.length() > 10 || !index.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("an output index is a decimal number, got '" + index + "'");
        }
        long i = Long.parseLong(index);
        if (i > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("output index " + index + " is too large");
        }
        return new OutPoint(Hash.fromHex(text.substring(0, colon)), (int) i);
    }

    /** The 36 bytes: txid, then index. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(SIZE);
        writeTo(out);
        return out.array();
    }

    /** The outpoint {@link #encode} wrote; IllegalArgumentException for anything but exactly those 36 bytes. */
    public static OutPoint decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an outpoint is " + SIZE + " bytes, got " + bytes.length);
        }
        return readFrom(ByteBuffer.wrap(bytes));
    }

    void writeTo(ByteBuffer out) {
        out.put(txid.toBytes()).putInt(index);
    }

    static OutPoint readFrom(ByteBuffer in) {
        byte[] id = new byte[Hash.SIZE];
        in.get(id);
        int index = in.getInt();
        if (index < 0) {
            throw new IllegalArgumentException("output index " + Integer.toUnsignedString(index) + " is too large");
        }
        return new OutPoint(Hash.of(id), index);
    }

    /** By transaction id (as unsigned bytes), then index: the order the UTXO set is hashed in. */
    @Override
    public int compareTo(OutPoint o) {
        int byId = txid.compareTo(o.txid);
        return byId != 0 ? byId : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return txid.toHex() + ":" + index;
    }
}
