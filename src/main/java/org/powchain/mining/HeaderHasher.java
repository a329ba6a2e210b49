package org.powchain.mining;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.powchain.core.BlockHeader;

/**
 * Double SHA-256 of one fixed 88-byte header with only the nonce changing, as a miner needs it.
 *
 * <p>The header's first 64 bytes (version, previous hash, most of the Merkle root) are one full
 * SHA-256 block that no nonce changes, so an implementation hashes them once (the "midstate") and
 * per nonce compresses only the second block (the last 24 bytes plus padding) and then the 32-byte
 * first digest: two compressions per attempt instead of three.
 *
 * <p>The hash comes out as SHA-256 computes it, eight 32-bit words, so the miner can compare it
 * with the target without turning it into bytes first.
 *
 * <p>One instance per thread: implementations own mutable buffers.
 */
interface HeaderHasher {
    /**
     * Writes SHA-256(SHA-256(header with {@code nonce})) into {@code digest[0..8)} as big-endian
     * words: word i is bytes 4i..4i+4 of the hash, its first byte the most significant.
     */
    void hash(long nonce, int[] digest);

    // Whole-word big-endian stores. Written byte by byte with shifts instead, JDK 17's JIT emits
    // one store per byte (72 per attempt); JDK 23+ merges them. See docs/PERFORMANCE.md, "Mining".
    VarHandle LONG_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    VarHandle INT_BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** Writes {@code nonce} big-endian where it sits in a buffer holding header bytes 64..88. */
    static void writeNonceInTail(byte[] tail, long nonce) {
        LONG_BIG_ENDIAN.set(tail, BlockHeader.NONCE_OFFSET - 64, nonce);
    }

    /** Writes eight words (a SHA-256 state or digest) as 32 big-endian bytes into {@code out[0..32)}. */
    static void writeWords(int[] words, byte[] out) {
        for (int i = 0; i < 8; i++) {
            INT_BIG_ENDIAN.set(out, 4 * i, words[i]);
        }
    }

    /** Reads 32 bytes as eight big-endian words: the inverse of {@link #writeWords}. */
    static void readWords(byte[] bytes, int[] words) {
        for (int i = 0; i < 8; i++) {
            words[i] = (int) INT_BIG_ENDIAN.get(bytes, 4 * i);
        }
    }
}
