package org.powchain.consensus;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.powchain.core.Address;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.OutPoint;
import org.powchain.core.Transaction;
import org.powchain.core.TxInput;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoTransaction;

/**
 * The UTXO model's transactions as fields: {@code id, txid, network}, a coinbase's
 * {@code coinbaseHeight}, {@code inputs} (each {@code txid, index, amount, publicKey, signature})
 * and {@code outputs} (each {@code amount, owner}). For display it adds {@code coinbase} and
 * {@code fee} (what the inputs state beyond the outputs), each input's {@code outpoint},
 * {@code spender} and {@code spenderName}, each output's {@code index}, {@code outpoint} and
 * {@code ownerName}: an input names the output it spends as {@code txid:index}, the link the
 * explorer follows. {@link #read} ignores them; {@code id} and {@code txid} are checked by the
 * caller ({@code wire.WireFormat} refuses an {@code id} that is not the hash of the bytes).
 */
final class UtxoTransactionCodec implements TransactionCodec {
    static final UtxoTransactionCodec INSTANCE = new UtxoTransactionCodec();
    /** A bound on a list's length before anything is built: far above what a block's size allows. */
    private static final int MAX_LIST = 100_000;

    private UtxoTransactionCodec() {}

    @Override
    public void write(Transaction tx, Fields out) {
        write(UtxoLedger.transfer(tx), out, null);
    }

    @Override
    public void writeForDisplay(Transaction tx, Fields out, Function<Address, String> names) {
        write(UtxoLedger.transfer(tx), out, names);
    }

    private static void write(UtxoTransaction t, Fields out, Function<Address, String> names) {
        boolean display = names != null;
        out.put("id", t.id().toHex());
        out.put("txid", t.txid().toHex());
        out.put("network", t.network().toString());
        if (display) {
            out.put("coinbase", t.isCoinbase());
            fee(t).ifPresent(f -> out.put("fee", f));
        }
        if (t.isCoinbase()) {
            out.put("coinbaseHeight", t.coinbaseHeight());
        }
        Elements inputs = out.list("inputs");
        for (TxInput in : t.inputs()) {
            Fields f = inputs.add();
            f.put("txid", in.outpoint().txid().toHex());
            f.put("index", in.outpoint().index());
            f.put("amount", in.amount());
            if (display) {
                f.put("outpoint", in.outpoint().toString());
                f.put("spender", in.spender().toHex());
                putName(f, "spenderName", names.apply(in.spender()));
            }
            f.put("publicKey", in.publicKeyHex());
            f.put("signature", in.signatureHex());
        }
        Elements outputs = out.list("outputs");
        for (int i = 0; i < t.outputs().size(); i++) {
            TxOutput o = t.outputs().get(i);
            Fields f = outputs.add();
            if (display) {
                f.put("index", i);
                f.put("outpoint", t.outpoint(i).toString());
            }
            f.put("amount", o.amount());
            f.put("owner", o.owner().toHex());
            if (display) {
                putName(f, "ownerName", names.apply(o.owner()));
            }
        }
    }

    private static void putName(Fields f, String field, String name) {
        if (name != null) {
            f.put(field, name);
        }
    }

    /** What the inputs say they hold beyond the outputs; none for a coinbase or sums past 64 bits. */
    private static java.util.Optional<Long> fee(UtxoTransaction t) {
        if (t.isCoinbase()) {
            return java.util.Optional.empty();
        }
        try {
            long in = 0;
            for (TxInput i : t.inputs()) {
                in = Math.addExact(in, i.amount());
            }
            long out = 0;
            for (TxOutput o : t.outputs()) {
                out = Math.addExact(out, o.amount());
            }
            return java.util.Optional.of(Math.subtractExact(in, out));
        } catch (ArithmeticException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public Transaction read(FieldReader in) {
        NetworkId network = new NetworkId(ByteBuffer.wrap(in.hex("network", NetworkId.SIZE)).getLong());
        List<TxInput> inputs = new ArrayList<>();
        for (FieldReader i : in.list("inputs", MAX_LIST)) {
            OutPoint outpoint = new OutPoint(Hash.of(i.hex("txid", Hash.SIZE)), index(i.wholeNumber("index")));
            inputs.add(new TxInput(outpoint, i.wholeNumber("amount"), i.hex("publicKey", Keys.PUBLIC_KEY_SIZE),
                    i.hex("signature", Keys.SIGNATURE_SIZE)));
        }
        List<TxOutput> outputs = new ArrayList<>();
        for (FieldReader o : in.list("outputs", MAX_LIST)) {
            outputs.add(new TxOutput(o.wholeNumber("amount"), Address.of(o.hex("owner", Address.SIZE))));
        }
        if (!inputs.isEmpty()) {
            return UtxoTransaction.of(network, inputs, outputs);
        }
        long height = in.wholeNumber("coinbaseHeight");
        if (height < 0 || height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'coinbaseHeight' must be from 0 to " + Integer.MAX_VALUE);
        }
        // any network is read as written: one other than all zero is refused by the rules, as noncanonical-coinbase
        return UtxoTransaction.coinbaseOf(network, (int) height, outputs);
    }

    private static int index(long index) {
        if (index < 0 || index > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an output 'index' is from 0 to " + Integer.MAX_VALUE);
        }
        return (int) index;
    }
}
