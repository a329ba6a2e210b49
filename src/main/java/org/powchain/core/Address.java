package org.powchain.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Who can receive coins: the first 20 bytes of SHA-256(public key), shown as 40 hex characters.
 * Only the holder of the matching private key can spend what an address holds.
 */
public final class Address implements Comparable<Address> {
    public static final int SIZE = 20;
    /** Where coinbase transactions come "from": no key hashes to it. */
    public static final Address NONE = new Address(new byte[SIZE]);

    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Address of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
        }
        return new Address(bytes.clone());
    }

    public static Address fromPublicKey(byte[] publicKey) {
        return new Address(Arrays.copyOf(Hashing.sha256(publicKey), SIZE));
    }

    /** True when {@code s} looks like an address: exactly 40 hex characters. */
    public static boolean isAddress(String s) {
        if (s == null || s.length() != SIZE * 2) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    public static Address fromHex(String hex) {
        if (!isAddress(hex)) {
            throw new IllegalArgumentException("an address is 40 hex characters");
        }
        return new Address(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(Address o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
