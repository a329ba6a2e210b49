package org.powchain.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transfer of {@code amount} coins from the holder of {@code senderPublicKey} to {@code to},
 * paying {@code fee} to the miner who includes it.
 *
 * <p>The account model: each account has a balance and a nonce (how many transactions it has
 * sent). A transaction must carry the sender's next nonce, so it can be mined only once (no
 * replay) and in order.
 *
 * <p>The account model's {@link Transaction}; a block may carry another model's instead (see
 * {@code consensus.Ledger}). One canonical encoding, fixed at {@link #SIZE} bytes, is used for everything: the signature
 * covers it minus the signature itself, the id is SHA-256d of all of it. It starts with the
 * {@link NetworkId} the sender signed for, so the signature holds on one network only: a
 * transaction signed on a classroom network cannot be replayed on another (docs/concepts/signatures.md).
 *
 * <pre>
 * offset size field
 *      0    8 network id      (all zero in a coinbase)
 *      8   32 sender public key (all zero in a coinbase)
 *     40   20 recipient address
 *     60    8 amount
 *     68    8 fee
 *     76    8 nonce           (the block height in a coinbase)
 *     84   64 signature       (all zero in a coinbase)
 * </pre>
 *
 * <p>A coinbase (the miner's reward) has an all-zero network, public key and signature and carries
 * the block height as its nonce, so two coinbases to the same miner never share an id.
 */
public final class AccountTransaction implements Transaction {
    public static final int UNSIGNED_SIZE = NetworkId.SIZE + Keys.PUBLIC_KEY_SIZE + Address.SIZE + 3 * Long.BYTES;
    public static final int SIZE = UNSIGNED_SIZE + Keys.SIGNATURE_SIZE;
    private static final byte[] NO_KEY = new byte[Keys.PUBLIC_KEY_SIZE];
    private static final byte[] NO_SIGNATURE = new byte[Keys.SIGNATURE_SIZE];

    private final NetworkId network;
    private final byte[] senderPublicKey;
    private final Address to;
    private final long amount;
    private final long fee;
    private final long nonce;
    private final byte[] signature;
    private final byte[] encoded;
    private final Hash id;
    private final Address sender;

    private AccountTransaction(NetworkId network, byte[] senderPublicKey, Address to, long amount, long fee, long nonce,
                        byte[] signature) {
        if (senderPublicKey.length != Keys.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("a public key is 32 bytes");
        }
        if (signature.length != Keys.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("a signature is 64 bytes");
        }
        this.network = network;
        this.senderPublicKey = senderPublicKey;
        this.to = to;
        this.amount = amount;
        this.fee = fee;
        this.nonce = nonce;
        this.signature = signature;
        this.encoded = encode(network, senderPublicKey, to, amount, fee, nonce, signature);
        this.id = Hashing.doubleSha256(encoded);
        this.sender = Arrays.equals(senderPublicKey, NO_KEY) ? Address.NONE : Address.fromPublicKey(senderPublicKey);
    }

    /** Builds a transfer valid on {@code network} only and signs it with {@code keys}. */
    public static AccountTransaction signed(NetworkId network, Keys keys, Address to, long amount, long fee, long nonce) {
        byte[] pk = keys.publicKey();
        byte[] unsigned = Arrays.copyOf(encode(network, pk, to, amount, fee, nonce, NO_SIGNATURE), UNSIGNED_SIZE);
        return new AccountTransaction(network, pk, to, amount, fee, nonce, keys.sign(unsigned));
    }

    /** Reassembles a transaction received from elsewhere; the signature is checked later, by the rules. */
    public static AccountTransaction of(NetworkId network, byte[] senderPublicKey, Address to, long amount, long fee, long nonce,
                                 byte[] signature) {
        return new AccountTransaction(network, senderPublicKey.clone(), to, amount, fee, nonce, signature.clone());
    }

    /** The canonical coinbase: new coins for {@code miner}, nothing else to vary. */
    public static AccountTransaction coinbase(Address miner, long amount, int height) {
        return new AccountTransaction(NetworkId.NONE, NO_KEY.clone(), miner, amount, 0, height, NO_SIGNATURE.clone());
    }

    public static AccountTransaction decode(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a transaction is " + SIZE + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        NetworkId network = new NetworkId(in.getLong());
        byte[] pk = new byte[Keys.PUBLIC_KEY_SIZE];
        in.get(pk);
        byte[] to = new byte[Address.SIZE];
        in.get(to);
        long amount = in.getLong();
        long fee = in.getLong();
        long nonce = in.getLong();
        byte[] sig = new byte[Keys.SIGNATURE_SIZE];
        in.get(sig);
        return new AccountTransaction(network, pk, Address.of(to), amount, fee, nonce, sig);
    }

    private static byte[] encode(NetworkId network, byte[] pk, Address to, long amount, long fee, long nonce, byte[] sig) {
        return ByteBuffer.allocate(SIZE).putLong(network.value())
                .put(pk).put(to.toBytes()).putLong(amount).putLong(fee).putLong(nonce).put(sig)
                .array();
    }

    @Override
    public boolean isCoinbase() {
        return sender.equals(Address.NONE);
    }

    /** The bytes the sender signs: the encoding without the signature, so the network id included. */
    public byte[] signedBytes() {
        return Arrays.copyOf(encoded, UNSIGNED_SIZE);
    }

    @Override
    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public int size() {
        return SIZE;
    }

    /** The network the sender signed for; {@link NetworkId#NONE} in a coinbase. */
    public NetworkId network() {
        return network;
    }

    @Override
    public Hash id() {
        return id;
    }

    public Address sender() {
        return sender;
    }

    public byte[] senderPublicKey() {
        return senderPublicKey.clone();
    }

    public String senderPublicKeyHex() {
        return HexFormat.of().formatHex(senderPublicKey);
    }

    public Address to() {
        return to;
    }

    public long amount() {
        return amount;
    }

    public long fee() {
        return fee;
    }

    public long nonce() {
        return nonce;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public String signatureHex() {
        return HexFormat.of().formatHex(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccountTransaction t && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Tx[" + id.toHex().substring(0, 12) + " " + sender + "->" + to + " " + amount + "+" + fee + " #" + nonce + "]";
    }
}
