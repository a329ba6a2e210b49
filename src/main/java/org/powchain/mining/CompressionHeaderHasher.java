package org.powchain.mining;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.powchain.core.BlockHeader;

/**
 * The fastest {@link HeaderHasher} on HotSpot: it calls the JDK's own SHA-256 compression function,
 * which the JIT replaces with the CPU's SHA instructions (SHA-NI) or an AVX2 routine, and skips
 * everything {@link java.security.MessageDigest} does around it (buffering, padding, length
 * encoding, resetting, cloning the midstate). A miner knows its message lengths in advance, so the
 * two padded blocks are built once and only the nonce bytes change.
 *
 * <p>The compression function is internal to the JDK ({@code sun.security.provider.SHA2}), so
 * this needs {@code --add-opens java.base/sun.security.provider=ALL-UNNAMED}; powchain.jar's
 * manifest grants it. Where it is not granted, {@link #create} returns empty and mining falls back
 * to {@link JdkHeaderHasher}. Tests hold both to {@code MessageDigest}'s answers.
 */
final class CompressionHeaderHasher implements HeaderHasher {
    private static final int[] SHA256_IV = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };
    private static final int BLOCK = 64;
    // static final, so the JIT treats the handles as constants and inlines the intrinsic
    private static final MethodHandle NEW_ENGINE;
    private static final MethodHandle STATE;
    private static final MethodHandle COMPRESS;

    static {
        MethodHandle[] handles = openJdkInternals();
        NEW_ENGINE = handles == null ? null : handles[0];
        STATE = handles == null ? null : handles[1];
        COMPRESS = handles == null ? null : handles[2];
    }

    /** The JDK's SHA-256 engine; we drive its compression function and its state directly. */
    private final Object engine;
    /** The engine's own state array: compress reads and writes it in place. */
    private final int[] state;
    private final int[] midstate = new int[8];
    /** Header bytes 64..88, then padding for an 88-byte message. */
    private final byte[] secondBlock = new byte[BLOCK];
    /** The first digest, then padding for a 32-byte message. */
    private final byte[] digestBlock = new byte[BLOCK];

    private CompressionHeaderHasher(byte[] header) throws Throwable {
        engine = NEW_ENGINE.invoke();
        state = (int[]) STATE.invokeExact(engine);
        System.arraycopy(SHA256_IV, 0, state, 0, 8);
        compress(header); // the first 64 bytes: the midstate
        System.arraycopy(state, 0, midstate, 0, 8);

        int tail = BlockHeader.SIZE - BLOCK;
        System.arraycopy(header, BLOCK, secondBlock, 0, tail);
        pad(secondBlock, tail, BlockHeader.SIZE);
        pad(digestBlock, 32, 32);
    }

    /** A hasher for {@code header}, or empty when the JDK's compression function is not reachable. */
    static Optional<HeaderHasher> create(byte[] header) {
        if (COMPRESS == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CompressionHeaderHasher(header));
        } catch (Throwable e) {
            return Optional.empty();
        }
    }

    static boolean isAvailable() {
        return COMPRESS != null;
    }

    @Override
    public void hash(long nonce, int[] digest) {
        HeaderHasher.writeNonceInTail(secondBlock, nonce);
        System.arraycopy(midstate, 0, state, 0, 8);
        compress(secondBlock);
        HeaderHasher.writeWords(state, digestBlock);
        System.arraycopy(SHA256_IV, 0, state, 0, 8);
        compress(digestBlock);
        System.arraycopy(state, 0, digest, 0, 8);
    }

    private void compress(byte[] block) {
        try {
            // implCompress0 skips the bounds check of implCompress; every block here is 64 bytes at 0
            COMPRESS.invokeExact(engine, block, 0);
        } catch (Throwable e) {
            throw new IllegalStateException("the JDK's SHA-256 compression failed", e);
        }
    }

    /** SHA-256 padding: a 1 bit, zeros, then the message length in bits in the last 8 bytes. */
    private static void pad(byte[] block, int used, int messageBytes) {
        block[used] = (byte) 0x80;
        long bits = messageBytes * 8L;
        for (int i = 0; i < 8; i++) {
            block[BLOCK - 1 - i] = (byte) (bits >>> (8 * i));
        }
    }

    /** Handles on the JDK internals, or null when the module system does not open them to us. */
    private static MethodHandle[] openJdkInternals() {
        try {
            Class<?> sha2 = Class.forName("sun.security.provider.SHA2");
            Class<?> sha256 = Class.forName("sun.security.provider.SHA2$SHA256");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(sha2, MethodHandles.lookup());
            MethodHandle newEngine = MethodHandles.privateLookupIn(sha256, MethodHandles.lookup())
                    .findConstructor(sha256, MethodType.methodType(void.class))
                    .asType(MethodType.methodType(Object.class));
            MethodHandle state = lookup.findGetter(sha2, "state", int[].class)
                    .asType(MethodType.methodType(int[].class, Object.class));
            MethodHandle compress = lookup.findVirtual(sha2, "implCompress0",
                            MethodType.methodType(void.class, byte[].class, int.class))
                    .asType(MethodType.methodType(void.class, Object.class, byte[].class, int.class));
            return new MethodHandle[] {newEngine, state, compress};
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened (IllegalAccessException) or a JDK without these internals
        }
    }
}
