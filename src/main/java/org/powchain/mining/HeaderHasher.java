package org.powchain.mining;

import org.powchain.core.BlockHeader;

/**
 * Double SHA-256 of one fixed 88-byte header with only the nonce changing, as a miner needs it.
 *
 * <p>The header's first 64 bytes (version, previous hash, most of the Merkle root) are one full
 * SHA-256 block that no nonce changes, so an implementation hashes them once (the "midstate") and
 * per nonce compresses only the second block (the last 24 bytes plus padding) and then the 32-byte
 * first digest: two compressions per attempt instead of three.
 *
 * <p>One instance per thread: implementations own mutable buffers.
 */
interface HeaderHasher {
    /** Writes SHA-256(SHA-256(header with {@code nonce})) into {@code out[0..32)}. */
    void hash(long nonce, byte[] out);

    /** Writes {@code nonce} big-endian where it sits in a buffer holding header bytes 64..88. */
    static void writeNonceInTail(byte[] tail, long nonce) {
        int at = BlockHeader.NONCE_OFFSET - 64;
        for (int i = 7; i >= 0; i--) {
            tail[at + i] = (byte) nonce;
            nonce >>>= 8;
        }
    }

    /** Writes a SHA-256 state as its 32-byte big-endian digest into {@code out[0..32)}. */
    static void writeDigest(int[] state, byte[] out) {
        for (int i = 0; i < 8; i++) {
            int v = state[i];
            out[4 * i] = (byte) (v >>> 24);
            out[4 * i + 1] = (byte) (v >>> 16);
            out[4 * i + 2] = (byte) (v >>> 8);
            out[4 * i + 3] = (byte) v;
        }
    }
}
