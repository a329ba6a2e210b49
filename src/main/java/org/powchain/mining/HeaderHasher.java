package org.powchain.mining;

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
}
