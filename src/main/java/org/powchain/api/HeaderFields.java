package org.powchain.api;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;

/**
 * The 88 header bytes that are hashed, cut at the field boundaries of {@link BlockHeader#encode()},
 * each piece with its name, its value and why it is there: what the explorer annotates.
 */
final class HeaderFields {
    private static final HexFormat HEX = HexFormat.of();

    /** One field: {@code size} bytes at {@code offset}, shown as {@code hex} and decoded as {@code value}. */
    record Field(String name, int offset, int size, String hex, String value, String meaning) {}

    private HeaderFields() {}

    static List<Field> of(BlockHeader h) {
        byte[] bytes = h.encode();
        List<Field> out = new ArrayList<>();
        int at = 0;
        at = add(out, bytes, at, "version", 4, Integer.toString(h.version()), "the rules this block follows");
        at = add(out, bytes, at, "previousHash", Hash.SIZE, h.previousHash().toHex(),
                "the parent's hash: changing any earlier block changes this, so blocks form a chain");
        at = add(out, bytes, at, "merkleRoot", Hash.SIZE, h.merkleRoot().toHex(),
                "commits to every transaction: changing one changes this");
        at = add(out, bytes, at, "timestamp", Long.BYTES, Long.toString(h.timestamp()),
                "milliseconds since 1970, when the miner built the block");
        at = add(out, bytes, at, "bits", Integer.BYTES, String.format("%08x", h.bits()),
                "the target in compact form: the hash must not exceed it");
        at = add(out, bytes, at, "nonce", Long.BYTES, Long.toString(h.nonce()),
                "what the miner varied until the hash fell below the target");
        if (at != BlockHeader.SIZE) {
            throw new IllegalStateException("header fields cover " + at + " bytes, the header has " + BlockHeader.SIZE);
        }
        return out;
    }

    private static int add(List<Field> out, byte[] bytes, int offset, String name, int size, String value,
                           String meaning) {
        out.add(new Field(name, offset, size, HEX.formatHex(bytes, offset, offset + size), value, meaning));
        return offset + size;
    }
}
