package org.powchain.core;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 digest: block hashes, transaction ids, Merkle roots.
 *
 * <p>Bytes are shown in the order the digest produced them (unlike Bitcoin, which reverses them
 * for display), so the hex a student sees is the hex {@code sha256sum} would print. As a number
 * (for the proof-of-work comparison) the bytes are read big-endian.
 */
public final class Hash implements Comparable<Hash> {
    public static final int SIZE = 32;
    public static final Hash ZERO = new Hash(new byte[SIZE]);

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}, which must be exactly 32 long. */
    public static Hash of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
        }
        return new Hash(bytes.clone());
    }

    /** Parses 64 hex characters; throws IllegalArgumentException on anything else. */
    public static Hash fromHex(String hex) {
        if (hex == null || hex.length() != SIZE * 2) {
            throw new IllegalArgumentException("a hash is 64 hex characters");
        }
        return new Hash(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The hash as an unsigned 256-bit number, to compare against a target. */
    public BigInteger toBigInteger() {
        return new BigInteger(1, bytes);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(Hash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        // The bytes are already uniformly distributed.
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
