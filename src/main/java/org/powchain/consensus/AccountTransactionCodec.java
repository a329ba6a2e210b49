package org.powchain.consensus;

import java.nio.ByteBuffer;
import java.util.function.Function;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Keys;
import org.powchain.core.NetworkId;
import org.powchain.core.Transaction;

/**
 * The account model's transactions as fields: {@code id, network, to, amount, fee, nonce,
 * publicKey, signature} (hex and whole numbers), with {@code sender}, {@code coinbase},
 * {@code senderName} and {@code toName} added for display. A coinbase has the same fields, its
 * network, key and signature all zero, so it reads back as itself.
 */
final class AccountTransactionCodec implements TransactionCodec {
    static final AccountTransactionCodec INSTANCE = new AccountTransactionCodec();

    private AccountTransactionCodec() {}

    @Override
    public void write(Transaction tx, Fields out) {
        write(AccountLedger.transfer(tx), out, null);
    }

    @Override
    public void writeForDisplay(Transaction tx, Fields out, Function<Address, String> names) {
        write(AccountLedger.transfer(tx), out, names);
    }

    /** One field order for both forms: the display fields sit where people read them. */
    private static void write(AccountTransaction t, Fields out, Function<Address, String> names) {
        boolean display = names != null;
        out.put("id", t.id().toHex());
        out.put("network", t.network().toString());
        if (display) {
            out.put("sender", t.isCoinbase() ? "coinbase" : t.sender().toHex());
        }
        out.put("to", t.to().toHex());
        out.put("amount", t.amount());
        out.put("fee", t.fee());
        out.put("nonce", t.nonce());
        if (display) {
            out.put("coinbase", t.isCoinbase());
            String senderName = t.isCoinbase() ? null : names.apply(t.sender());
            if (senderName != null) {
                out.put("senderName", senderName);
            }
            String toName = names.apply(t.to());
            if (toName != null) {
                out.put("toName", toName);
            }
        }
        out.put("publicKey", t.senderPublicKeyHex());
        out.put("signature", t.signatureHex());
    }

    @Override
    public Transaction read(FieldReader in) {
        return AccountTransaction.of(new NetworkId(ByteBuffer.wrap(in.hex("network", NetworkId.SIZE)).getLong()),
                in.hex("publicKey", Keys.PUBLIC_KEY_SIZE),
                Address.of(in.hex("to", Address.SIZE)),
                in.wholeNumber("amount"),
                in.wholeNumber("fee"),
                in.wholeNumber("nonce"),
                in.hex("signature", Keys.SIGNATURE_SIZE));
    }
}
