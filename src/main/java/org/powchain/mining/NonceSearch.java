package org.powchain.mining;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Function;
import org.powchain.core.BlockHeader;
import org.powchain.core.Target;

/**
 * The miner's inner loop: try nonces in a header until its double SHA-256, read as a big-endian
 * number, is at or below the target. See docs/concepts/proof-of-work.md.
 *
 * <p>Per attempt it does two SHA-256 compressions, not three: the header's first 64 bytes never
 * change, so their state (the "midstate") is computed once (see {@link HeaderHasher}). The hash is
 * compared with the target as eight big-endian words, the form SHA-256 leaves it in, without
 * allocating; almost every attempt is settled by the first word. Measured speeds:
 * docs/PERFORMANCE.md.
 *
 * <p>One instance per thread (it owns its buffers).
 */
public final class NonceSearch {
    private final HeaderHasher hasher;
    /** The target as eight big-endian words (see {@link HeaderHasher#hash}), or null when {@code bits} encode no valid target. */
    private final int[] target;
    private final int[] hash = new int[8];

    /** @param header an encoded {@link BlockHeader}; its nonce field is ignored (and not modified) */
    public NonceSearch(byte[] header, int bits) {
        this(fastestHasher(checkSize(header)), bits);
    }

    NonceSearch(HeaderHasher hasher, int bits) {
        this.hasher = hasher;
        this.target = targetWords(bits);
    }

    /** The JDK's compression function called directly where it is reachable, else MessageDigest. */
    static HeaderHasher fastestHasher(byte[] header) {
        return CompressionHeaderHasher.create(header).orElseGet(() -> new JdkHeaderHasher(header));
    }

    /** Which SHA-256 implementation a search uses; the miner always takes {@link #DEFAULT}. */
    public enum Hasher {
        /** What the miner uses: direct compression where reachable, else MessageDigest. */
        DEFAULT(CompressionHeaderHasher.isAvailable()
                ? "the JDK's SHA-256 compression called directly" : "MessageDigest (direct compression not opened)",
                NonceSearch::fastestHasher),
        MESSAGE_DIGEST("MessageDigest with a cloned midstate", JdkHeaderHasher::new),
        PURE_JAVA("plain-Java SHA-256", PureJavaHeaderHasher::new);

        private final String description;
        private final Function<byte[], HeaderHasher> factory;

        Hasher(String description, Function<byte[], HeaderHasher> factory) {
            this.description = description;
            this.factory = factory;
        }

        /** What it is, for a benchmark's heading. */
        public String description() {
            return description;
        }
    }

    /** Like {@link #NonceSearch(byte[], int)} with a chosen hasher, for tests and benchmarks. */
    public static NonceSearch using(Hasher hasher, byte[] header, int bits) {
        return new NonceSearch(hasher.factory.apply(checkSize(header)), bits);
    }

    /**
     * Tries {@code count} nonces: {@code start}, {@code start + step}, ... Returns the first that
     * meets the target, or empty.
     */
    public OptionalLong search(long start, long step, long count) {
        if (target == null) {
            return OptionalLong.empty(); // like Target.meets: nothing meets an invalid target
        }
        long nonce = start;
        for (long i = 0; i < count; i++, nonce += step) {
            hasher.hash(nonce, hash);
            if (Arrays.compareUnsigned(hash, target) <= 0) {
                return OptionalLong.of(nonce);
            }
        }
        return OptionalLong.empty();
    }

    private static byte[] checkSize(byte[] header) {
        if (header.length != BlockHeader.SIZE) {
            throw new IllegalArgumentException("a header is " + BlockHeader.SIZE + " bytes, got " + header.length);
        }
        return header;
    }

    private static int[] targetWords(int bits) {
        BigInteger t = Target.fromCompact(bits);
        if (t.signum() < 0) {
            return null;
        }
        byte[] raw = t.toByteArray(); // big-endian, maybe with a leading sign byte
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        int[] words = new int[8];
        HeaderHasher.readWords(out, words);
        return words;
    }
}
