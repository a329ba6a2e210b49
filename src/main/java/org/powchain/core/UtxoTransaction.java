package org.powchain.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction of the UTXO model, the way Bitcoin keeps coins: it spends whole outputs of earlier
 * transactions (its {@link TxInput}s) and creates new ones (its {@link TxOutput}s); what the inputs
 * hold beyond the outputs is the miner's fee, and what the spender keeps comes back as a change
 * output to itself. A coinbase has no inputs: it creates the block's new coins and, where a transfer
 * lists its inputs, carries the block height, so two coinbases never share an id (Bitcoin's BIP 34).
 * See docs/concepts/accounts-and-utxos.md.
 *
 * <p>One canonical encoding, big-endian:
 * <pre>
 * size      field
 *    8      network id      (all zero in a coinbase)
 *    4      input count n   (0 marks a coinbase)
 *    4      coinbase only: the block height
 *    n x 140 inputs: outpoint (txid 32, index 4), amount 8, public key 32, signature 64
 *    4      output count m
 *    m x 28  outputs: amount 8, owner 20
 * </pre>
 *
 * <p>Two hashes, for two jobs, as Bitcoin's txid and wtxid:
 * <ul>
 *   <li>{@link #txid()}, what outpoints name, is SHA-256d of the encoding with every signature
 *       left out. A signature is made over the transaction, so it cannot be part of what it signs,
 *       and nobody can change a txid by signing again: a child that spends an unconfirmed output
 *       still names it.</li>
 *   <li>{@link #id()} is SHA-256d of every byte, signatures too: what the Merkle root commits to (a
 *       block's hash then covers its signatures, so nobody can swap in bad ones and get the block
 *       remembered as invalid), and what the mempool, the signature cache and the API know a
 *       transaction by.</li>
 * </ul>
 *
 * <p>What each input signs ({@link #signedBytes}) is the network id, every outpoint with the amount
 * it holds, and every output: all of the transaction but the keys and signatures, as Bitcoin's
 * SIGHASH_ALL. Signing the outputs means nobody who relays a transaction can redirect its coins;
 * signing the amounts spent means a signer told a wrong amount (and so a wrong fee) makes a
 * transaction no node accepts, as Bitcoin's BIP 143. The message is the fixed-width encoding, never
 * text glued together, so no two transactions sign the same bytes.
 */
public final class UtxoTransaction implements Transaction {
    private static final int HEADER = NetworkId.SIZE + Integer.BYTES;
    private static final int SIGNED_INPUT = OutPoint.SIZE + Long.BYTES;
    private static final int UNSIGNED_INPUT = SIGNED_INPUT + Keys.PUBLIC_KEY_SIZE;

    private final NetworkId network;
    private final List<TxInput> inputs;
    private final List<TxOutput> outputs;
    private final int coinbaseHeight;
    private final byte[] encoded;
    private final Hash id;
    private final Hash txid;

    /** What signing one input needs: the outpoint, the amount it holds, the key that owns it. */
    public record Spend(OutPoint outpoint, long amount, Keys keys) {}

    private UtxoTransaction(NetworkId network, List<TxInput> inputs, List<TxOutput> outputs, int coinbaseHeight) {
        this.network = network;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.coinbaseHeight = coinbaseHeight;
        this.encoded = encode(Part.ALL);
        this.id = Hashing.doubleSha256(encoded);
        this.txid = Hashing.doubleSha256(encode(Part.UNSIGNED));
    }

    /**
     * Builds a transfer valid on {@code network} only, spending {@code spends} (in order) into
     * {@code outputs}, each input signed by its own key over {@link #signedBytes}.
     */
    public static UtxoTransaction signed(NetworkId network, List<Spend> spends, List<TxOutput> outputs) {
        if (spends.isEmpty()) {
            throw new IllegalArgumentException("a transfer spends at least one output");
        }
        byte[] noSignature = new byte[Keys.SIGNATURE_SIZE];
        List<TxInput> unsigned = new ArrayList<>(spends.size());
        for (Spend s : spends) {
            unsigned.add(new TxInput(s.outpoint(), s.amount(), s.keys().publicKey(), noSignature));
        }
        byte[] message = new UtxoTransaction(network, unsigned, outputs, -1).signedBytes();
        List<TxInput> inputs = new ArrayList<>(spends.size());
        for (Spend s : spends) {
            inputs.add(new TxInput(s.outpoint(), s.amount(), s.keys().publicKey(), s.keys().sign(message)));
        }
        return new UtxoTransaction(network, inputs, outputs, -1);
    }

    /** Reassembles a transfer received from elsewhere; its signatures are checked later, by the rules. */
    public static UtxoTransaction of(NetworkId network, List<TxInput> inputs, List<TxOutput> outputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a transfer spends at least one output; a coinbase has no inputs");
        }
        return new UtxoTransaction(network, inputs, outputs, -1);
    }

    /**
     * Reassembles a coinbase received from elsewhere with the network it says, as {@link #decode}
     * reads one: a coinbase is canonical only with {@link NetworkId#NONE}, which the rules check
     * ({@code noncanonical-coinbase}), so that a block carrying another is refused for that rule.
     */
    public static UtxoTransaction coinbaseOf(NetworkId network, int height, List<TxOutput> outputs) {
        if (height < 0) {
            throw new IllegalArgumentException("a coinbase commits to a height of 0 or more, got " + height);
        }
        return new UtxoTransaction(network, List.of(), outputs, height);
    }

    /** The coinbase of the block at {@code height}: new coins to {@code outputs}. */
    public static UtxoTransaction coinbase(int height, List<TxOutput> outputs) {
        return new UtxoTransaction(NetworkId.NONE, List.of(), outputs, height);
    }

    /**
     * The bytes a transfer of {@code inputs} inputs and {@code outputs} outputs takes: what a wallet
     * pays a fee by before it has signed anything.
     */
    public static int transferSize(int inputs, int outputs) {
        return HEADER + inputs * TxInput.SIZE + Integer.BYTES + outputs * TxOutput.SIZE;
    }

    /** Parses the canonical encoding; throws IllegalArgumentException on anything that is not exactly one. */
    public static UtxoTransaction decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            NetworkId network = new NetworkId(in.getLong());
            int n = count(in, in.getInt(), TxInput.SIZE, "inputs");
            int height = n == 0 ? in.getInt() : -1;
            List<TxInput> inputs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                OutPoint outpoint = OutPoint.readFrom(in);
                long amount = in.getLong();
                byte[] pk = new byte[Keys.PUBLIC_KEY_SIZE];
                in.get(pk);
                byte[] sig = new byte[Keys.SIGNATURE_SIZE];
                in.get(sig);
                inputs.add(new TxInput(outpoint, amount, pk, sig));
            }
            int m = count(in, in.getInt(), TxOutput.SIZE, "outputs");
            List<TxOutput> outputs = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                outputs.add(TxOutput.readFrom(in));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("a transaction followed by " + in.remaining() + " more bytes");
            }
            return new UtxoTransaction(network, inputs, outputs, height);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a transaction cut short at " + bytes.length + " bytes", e);
        }
    }

    /** A count read from {@code in}, refused before anything is allocated if the bytes left cannot hold it. */
    private static int count(ByteBuffer in, int n, int size, String what) {
        if (n < 0 || (long) n * size > in.remaining()) {
            throw new IllegalArgumentException("a transaction claims " + Integer.toUnsignedString(n) + " " + what
                    + " in " + in.remaining() + " bytes");
        }
        return n;
    }

    /** How much of each input an encoding has: what is signed, then the key, then the signature. */
    private enum Part {
        SIGNED(SIGNED_INPUT), UNSIGNED(UNSIGNED_INPUT), ALL(TxInput.SIZE);

        final int inputSize;

        Part(int inputSize) {
            this.inputSize = inputSize;
        }
    }

    private byte[] encode(Part part) {
        int size = HEADER + (isCoinbase() ? Integer.BYTES : inputs.size() * part.inputSize)
                + Integer.BYTES + outputs.size() * TxOutput.SIZE;
        ByteBuffer out = ByteBuffer.allocate(size).putLong(network.value()).putInt(inputs.size());
        if (isCoinbase()) {
            out.putInt(coinbaseHeight);
        }
        for (TxInput in : inputs) {
            in.outpoint().writeTo(out);
            out.putLong(in.amount());
            if (part != Part.SIGNED) {
                out.put(in.publicKey());
            }
            if (part == Part.ALL) {
                out.put(in.signature());
            }
        }
        out.putInt(outputs.size());
        outputs.forEach(o -> o.writeTo(out));
        return out.array();
    }

    /**
     * The message every input's signature covers: the network id, each outpoint with the amount
     * the input says it holds, and every output. Only keys and signatures are left out.
     */
    public byte[] signedBytes() {
        return encode(Part.SIGNED);
    }

    @Override
    public boolean isCoinbase() {
        return inputs.isEmpty();
    }

    /** The height a coinbase commits to; -1 for a transfer, which has none. */
    public int coinbaseHeight() {
        return coinbaseHeight;
    }

    /** The network the spenders signed for; {@link NetworkId#NONE} in a coinbase. */
    public NetworkId network() {
        return network;
    }

    public List<TxInput> inputs() {
        return inputs;
    }

    public List<TxOutput> outputs() {
        return outputs;
    }

    /** The outpoint naming this transaction's output {@code index}. */
    public OutPoint outpoint(int index) {
        if (index < 0 || index >= outputs.size()) {
            throw new IndexOutOfBoundsException("output " + index + " of " + outputs.size());
        }
        return new OutPoint(txid, index);
    }

    /** SHA-256d of the encoding without signatures: what outpoints name. */
    public Hash txid() {
        return txid;
    }

    /**
     * SHA-256d of every byte, signatures included: what the Merkle root commits to, so a block's
     * hash covers its signatures. Never the {@link #txid()}: with it, a peer could swap bad
     * signatures under a good header and get the block remembered as invalid.
     */
    @Override
    public Hash id() {
        return id;
    }

    @Override
    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public int size() {
        return encoded.length;
    }

    /** Two transactions are equal when every byte is, signatures included. */
    @Override
    public boolean equals(Object o) {
        return o instanceof UtxoTransaction t && id.equals(t.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "UtxoTx[" + txid.toHex().substring(0, 12) + (isCoinbase() ? " coinbase@" + coinbaseHeight : " " + inputs.size()
                + " in") + ", " + outputs.size() + " out]";
    }
}
