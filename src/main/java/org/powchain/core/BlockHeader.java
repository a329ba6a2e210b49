package org.powchain.core;

import java.nio.ByteBuffer;

/**
 * The part of a block that proof of work covers, shaped like Bitcoin's: 88 bytes, big-endian.
 *
 * <pre>
 * offset size field
 *      0    4 version
 *      4   32 previousHash   links the block to its parent: this is what makes a chain
 *     36   32 merkleRoot     commits to every transaction in the block
 *     68    8 timestamp      milliseconds since 1970 (Bitcoin: seconds; blocks here come faster)
 *     76    4 bits           the target in compact form (see {@link Target})
 *     80    8 nonce          what miners vary (Bitcoin: 4 bytes plus an extra nonce)
 * </pre>
 *
 * The block hash is SHA-256(SHA-256(these 88 bytes)). See docs/concepts/proof-of-work.md.
 */
public record BlockHeader(int version, Hash previousHash, Hash merkleRoot, long timestamp, int bits, long nonce) {
    public static final int SIZE = 88;
    /** Where the nonce sits in the encoding: the miner rewrites only these 8 bytes. */
    public static final int NONCE_OFFSET = 80;

    public BlockHeader {
        if (previousHash == null || merkleRoot == null) {
            throw new IllegalArgumentException("previousHash and merkleRoot are required");
        }
    }

    public byte[] encode() {
        return ByteBuffer.allocate(SIZE)
                .putInt(version)
                .put(previousHash.toBytes())
                .put(merkleRoot.toBytes())
                .putLong(timestamp)
                .putInt(bits)
                .putLong(nonce)
                .array();
    }

    public static BlockHeader decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a header is " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int version = in.getInt();
        byte[] prev = new byte[Hash.SIZE];
        in.get(prev);
        byte[] merkle = new byte[Hash.SIZE];
        in.get(merkle);
        return new BlockHeader(version, Hash.of(prev), Hash.of(merkle), in.getLong(), in.getInt(), in.getLong());
    }

    public Hash hash() {
        return Hashing.doubleSha256(encode());
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, previousHash, merkleRoot, timestamp, bits, newNonce);
    }
}
