package org.powchain.mining;

import java.security.DigestException;
import java.security.MessageDigest;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hashing;

/**
 * The default {@link HeaderHasher}: the JDK's SHA-256, which HotSpot compiles to the CPU's SHA
 * instructions (SHA-NI) or an AVX2 routine where it has them.
 *
 * <p>{@link MessageDigest} cannot be handed a saved state, so the midstate lives in a digest that
 * has been fed the first 64 bytes, and each attempt works on a {@code clone()} of it. The clone
 * is a few small allocations (they die young and cost the GC almost nothing), and it is cheaper
 * than hashing the first block again.
 */
final class JdkHeaderHasher implements HeaderHasher {
    private static final int MIDSTATE_BYTES = 64;

    private final MessageDigest midstate = Hashing.newSha256();
    private final MessageDigest outer = Hashing.newSha256();
    /** Header bytes 64..88; the nonce is its last 8 bytes. */
    private final byte[] tail = new byte[BlockHeader.SIZE - MIDSTATE_BYTES];
    private final byte[] first = new byte[32];
    private final byte[] second = new byte[32];

    JdkHeaderHasher(byte[] header) {
        midstate.update(header, 0, MIDSTATE_BYTES);
        System.arraycopy(header, MIDSTATE_BYTES, tail, 0, tail.length);
    }

    @Override
    public void hash(long nonce, int[] digest) {
        HeaderHasher.writeNonceInTail(tail, nonce);
        try {
            MessageDigest inner = (MessageDigest) midstate.clone();
            inner.update(tail);
            inner.digest(first, 0, 32);
            outer.update(first);
            outer.digest(second, 0, 32);
            HeaderHasher.readWords(second, digest);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable and has a 32-byte digest", e);
        }
    }
}
