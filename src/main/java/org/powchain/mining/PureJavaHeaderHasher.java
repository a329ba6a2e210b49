package org.powchain.mining;

import org.powchain.core.BlockHeader;

/**
 * A {@link HeaderHasher} with SHA-256 written out in plain Java (FIPS 180-4, section 6.2), so a
 * student can see what the JDK does for us: the midstate, the padding, the 64 rounds.
 *
 * <p>Not the default: measured on this project's machines it reaches about a third of the speed of
 * {@link JdkHeaderHasher}, because HotSpot replaces the JDK's SHA-256 compression with the CPU's
 * SHA instructions, which no Java code can match (see docs/PERFORMANCE.md). It stays as the
 * readable reference, and tests check both against each other and against {@code MessageDigest}.
 */
final class PureJavaHeaderHasher implements HeaderHasher {
    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    };
    private static final int[] INITIAL_STATE = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    /** Padding marks the end of the message with a single 1 bit, then zeros, then its length. */
    private static final int END_BIT = 0x80000000;

    /** State after compressing the header's first 64 bytes; no nonce changes it. */
    private final int[] midstate = INITIAL_STATE.clone();
    /** Header bytes 64..80 as four words: the end of the Merkle root, the timestamp, the bits. */
    private final int[] tailWords = new int[4];
    private final int[] state = new int[8];
    /** The message schedule: 16 words of the block, then 48 derived from them. */
    private final int[] w = new int[64];

    PureJavaHeaderHasher(byte[] header) {
        for (int i = 0; i < 16; i++) {
            w[i] = wordAt(header, 4 * i);
        }
        compress(midstate, w);
        for (int i = 0; i < 4; i++) {
            tailWords[i] = wordAt(header, 64 + 4 * i);
        }
    }

    @Override
    public void hash(long nonce, int[] digest) {
        // First SHA-256, second block: header bytes 64..88 (the nonce last), then padding for an
        // 88-byte (704-bit) message.
        System.arraycopy(tailWords, 0, w, 0, 4);
        w[4] = (int) (nonce >>> 32);
        w[5] = (int) nonce;
        w[6] = END_BIT;
        for (int i = 7; i < 15; i++) {
            w[i] = 0;
        }
        w[15] = BlockHeader.SIZE * 8;
        System.arraycopy(midstate, 0, state, 0, 8);
        compress(state, w);

        // Second SHA-256: the 32-byte first digest fits in one block with its padding.
        System.arraycopy(state, 0, w, 0, 8);
        w[8] = END_BIT;
        for (int i = 9; i < 15; i++) {
            w[i] = 0;
        }
        w[15] = 32 * 8;
        // its final state is the hash, already as words
        System.arraycopy(INITIAL_STATE, 0, digest, 0, 8);
        compress(digest, w);
    }

    /** The SHA-256 compression function: mixes the 16-word block in {@code w[0..16)} into {@code h}. */
    static void compress(int[] h, int[] w) {
        for (int t = 16; t < 64; t++) {
            w[t] = smallSigma1(w[t - 2]) + w[t - 7] + smallSigma0(w[t - 15]) + w[t - 16];
        }
        int a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; t++) {
            int t1 = hh + bigSigma1(e) + choose(e, f, g) + K[t] + w[t];
            int t2 = bigSigma0(a) + majority(a, b, c);
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }

    private static int choose(int x, int y, int z) {
        return (x & y) ^ (~x & z);
    }

    private static int majority(int x, int y, int z) {
        return (x & y) ^ (x & z) ^ (y & z);
    }

    private static int bigSigma0(int x) {
        return Integer.rotateRight(x, 2) ^ Integer.rotateRight(x, 13) ^ Integer.rotateRight(x, 22);
    }

    private static int bigSigma1(int x) {
        return Integer.rotateRight(x, 6) ^ Integer.rotateRight(x, 11) ^ Integer.rotateRight(x, 25);
    }

    private static int smallSigma0(int x) {
        return Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3);
    }

    private static int smallSigma1(int x) {
        return Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10);
    }

    private static int wordAt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
