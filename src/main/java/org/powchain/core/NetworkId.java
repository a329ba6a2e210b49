package org.powchain.core;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Which network a transaction or a peer belongs to: 8 bytes of SHA-256d over the network's
 * consensus parameters and its genesis hash (see {@code consensus/Genesis#networkId}). Every
 * transaction carries it inside the bytes its sender signs, so a transaction signed for one
 * network is refused by every other one, even if they share the genesis allocations (replay
 * protection across networks, as Ethereum's chain id does since EIP-155); peers exchange it in
 * their hello, as Bitcoin peers start every message with their network's magic bytes.
 * See docs/concepts/signatures.md.
 *
 * <p>{@link #NONE} (zero) marks coinbases: they are not signed, and genesis, whose hash the id is
 * made from, is made of coinbases.
 */
public record NetworkId(long value) {
    public static final int SIZE = Long.BYTES;
    public static final NetworkId NONE = new NetworkId(0);

    /** The id of the network whose consensus parameters encode to {@code params} and whose genesis is {@code genesis}. */
    public static NetworkId derive(byte[] params, Hash genesis) {
        byte[] both = ByteBuffer.allocate(params.length + Hash.SIZE).put(params).put(genesis.toBytes()).array();
        return new NetworkId(ByteBuffer.wrap(Hashing.doubleSha256(both).toBytes()).getLong());
    }

    /** Parses the 16 hex digits {@link #toString} writes. */
    public static NetworkId fromHex(String hex) {
        if (hex == null || hex.length() != 2 * SIZE) {
            throw new IllegalArgumentException("a network id is " + 2 * SIZE + " hex digits, got " + hex);
        }
        return new NetworkId(HexFormat.fromHexDigitsToLong(hex));
    }

    /** 16 hex digits, e.g. {@code 3f9a1c0e5b2d7a41}. */
    @Override
    public String toString() {
        return HexFormat.of().toHexDigits(value);
    }
}
