package org.powchain.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Spends the output at {@code outpoint}: the spender shows a public key that must hash to the
 * output's owner, and a signature by that key over the whole transaction
 * ({@link UtxoTransaction#signedBytes}). Immutable; the arrays are copied in and out.
 */
public final class TxInput {
    /** Encoded size: outpoint, public key, signature. */
    public static final int SIZE = OutPoint.SIZE + Keys.PUBLIC_KEY_SIZE + Keys.SIGNATURE_SIZE;

    private final OutPoint outpoint;
    private final byte[] publicKey;
    private final byte[] signature;

    public TxInput(OutPoint outpoint, byte[] publicKey, byte[] signature) {
        if (outpoint == null) {
            throw new IllegalArgumentException("an input spends an outpoint");
        }
        if (publicKey.length != Keys.PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("a public key is 32 bytes");
        }
        if (signature.length != Keys.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("a signature is 64 bytes");
        }
        this.outpoint = outpoint;
        this.publicKey = publicKey.clone();
        this.signature = signature.clone();
    }

    public OutPoint outpoint() {
        return outpoint;
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(publicKey);
    }

    /** Who may spend what this input spends, if its key is the right one. */
    public Address spender() {
        return Address.fromPublicKey(publicKey);
    }

    public byte[] signature() {
        return signature.clone();
    }

    public String signatureHex() {
        return HexFormat.of().formatHex(signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TxInput i && outpoint.equals(i.outpoint)
                && Arrays.equals(publicKey, i.publicKey) && Arrays.equals(signature, i.signature);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "In[" + outpoint + " by " + spender() + "]";
    }
}
