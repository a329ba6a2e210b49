package org.powchain.core;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Spends the output at {@code outpoint}: the spender states the amount that output holds, shows a
 * public key that must hash to the output's owner, and signs the whole transaction with that key
 * ({@link UtxoTransaction#signedBytes}). The stated amount is what makes a signature checkable
 * without the UTXO set (so it can be verified once, in parallel, and cached); a node refuses an
 * input whose amount is not the output's. Immutable; the arrays are copied in and out.
 */
public final class TxInput {
    /** Encoded size: outpoint, amount, public key, signature. */
    public static final int SIZE = OutPoint.SIZE + Long.BYTES + Keys.PUBLIC_KEY_SIZE + Keys.SIGNATURE_SIZE;

    private final OutPoint outpoint;
    private final long amount;
    private final byte[] publicKey;
    private final byte[] signature;

    public TxInput(OutPoint outpoint, long amount, byte[] publicKey, byte[] signature) {
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
        this.amount = amount;
        this.publicKey = publicKey.clone();
        this.signature = signature.clone();
    }

    public OutPoint outpoint() {
        return outpoint;
    }

    /** The amount the spender says the output holds, and signs. */
    public long amount() {
        return amount;
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
        return o instanceof TxInput i && outpoint.equals(i.outpoint) && amount == i.amount
                && Arrays.equals(publicKey, i.publicKey) && Arrays.equals(signature, i.signature);
    }

    @Override
    public int hashCode() {
        return outpoint.hashCode();
    }

    @Override
    public String toString() {
        return "In[" + outpoint + " " + amount + " by " + spender() + "]";
    }
}
