package org.powchain.mining;

import java.math.BigInteger;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.OptionalLong;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hashing;
import org.powchain.core.Target;

/**
 * The miner's inner loop: try nonces in a header until its double SHA-256 is at or below the
 * target. One instance per thread (it owns its buffers). See docs/concepts/proof-of-work.md.
 */
public final class NonceSearch {
    private final byte[] header;
    private final byte[] target = new byte[32];
    private final MessageDigest sha = Hashing.newSha256();
    private final byte[] first = new byte[32];
    private final byte[] second = new byte[32];

    /** @param header an encoded {@link BlockHeader}; its nonce field is overwritten */
    public NonceSearch(byte[] header, int bits) {
        if (header.length != BlockHeader.SIZE) {
            throw new IllegalArgumentException("a header is " + BlockHeader.SIZE + " bytes");
        }
        this.header = header.clone();
        BigInteger t = Target.fromCompact(bits);
        byte[] raw = t.toByteArray();
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, target, 32 - n, n);
    }

    /**
     * Tries {@code count} nonces: {@code start}, {@code start + step}, ... Returns the first that
     * meets the target, or empty.
     */
    public OptionalLong search(long start, long step, long count) {
        long nonce = start;
        for (long i = 0; i < count; i++, nonce += step) {
            putNonce(nonce);
            if (attempt()) {
                return OptionalLong.of(nonce);
            }
        }
        return OptionalLong.empty();
    }

    private void putNonce(long nonce) {
        for (int i = 7; i >= 0; i--) {
            header[BlockHeader.NONCE_OFFSET + i] = (byte) nonce;
            nonce >>>= 8;
        }
    }

    private boolean attempt() {
        try {
            sha.update(header);
            sha.digest(first, 0, 32);
            sha.update(first);
            sha.digest(second, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.compareUnsigned(second, target) <= 0;
    }
}
