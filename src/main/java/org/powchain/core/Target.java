package org.powchain.core;

import java.math.BigInteger;

/**
 * The proof-of-work target: a block is valid when its hash, read as a 256-bit number, is at most
 * the target. Headers store it in Bitcoin's 4-byte "compact" form ({@code bits}): one byte of
 * exponent (length in bytes), three bytes of mantissa. See docs/concepts/proof-of-work.md.
 */
public final class Target {
    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private Target() {}

    /** Expands compact bits into the full target. Negative or overflowing encodings give -1. */
    public static BigInteger fromCompact(int bits) {
        int size = bits >>> 24;
        long mantissa = bits & 0x007fffffL;
        if ((bits & 0x00800000) != 0 && mantissa != 0) {
            return BigInteger.ONE.negate(); // sign bit set: not a valid target
        }
        BigInteger m = BigInteger.valueOf(mantissa);
        BigInteger target = size <= 3 ? m.shiftRight(8 * (3 - size)) : m.shiftLeft(8 * (size - 3));
        return target.bitLength() > 256 ? BigInteger.ONE.negate() : target;
    }

    /** Compresses a target into bits, losing the low-order precision beyond three bytes. */
    public static int toCompact(BigInteger target) {
        if (target.signum() <= 0) {
            return 0;
        }
        int size = (target.bitLength() + 7) / 8;
        long mantissa = size <= 3
                ? target.longValue() << (8 * (3 - size))
                : target.shiftRight(8 * (size - 3)).longValue();
        if ((mantissa & 0x00800000L) != 0) { // keep the sign bit clear
            mantissa >>= 8;
            size++;
        }
        return (int) (size << 24 | mantissa);
    }

    /** The easiest target with {@code zeroBits} leading zero bits: 2^(256-zeroBits) - 1, compacted. */
    public static int bitsForLeadingZeros(int zeroBits) {
        if (zeroBits < 0 || zeroBits > 255) {
            throw new IllegalArgumentException("leading zero bits must be 0..255");
        }
        return toCompact(BigInteger.ONE.shiftLeft(256 - zeroBits).subtract(BigInteger.ONE));
    }

    /**
     * Expected number of hashes to find a block at this target: 2^256 / (target + 1). Fork choice
     * sums this over a chain ("most cumulative work").
     */
    public static BigInteger work(int bits) {
        BigInteger target = fromCompact(bits);
        if (target.signum() < 0) {
            return BigInteger.ZERO;
        }
        return TWO_256.divide(target.add(BigInteger.ONE));
    }

    /** Difficulty in "leading zero bits" terms: log2 of the expected work, for display. */
    public static double leadingZeroBits(int bits) {
        BigInteger w = work(bits);
        return w.signum() == 0 ? 0 : Math.log(w.doubleValue()) / Math.log(2);
    }

    public static boolean meets(Hash hash, int bits) {
        BigInteger target = fromCompact(bits);
        return target.signum() >= 0 && hash.toBigInteger().compareTo(target) <= 0;
    }
}
