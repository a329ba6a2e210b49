package org.powchain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Target;
import org.powchain.core.Transaction;

/**
 * The JSON shape of blocks and transactions, both ways. What a node prints is what a peer sends
 * back: {@link #parseBlock} reads exactly what {@link #block} writes (the extra display fields
 * are ignored, but an {@code id} or {@code hash} that does not match the content is refused).
 */
public final class JsonCodec {
    private static final HexFormat HEX = HexFormat.of();

    private final Function<Address, String> names;

    /** @param names a demo name for an address, or null: shown next to hex addresses */
    public JsonCodec(Function<Address, String> names) {
        this.names = names;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TxJson(String id, String sender, String to, long amount, long fee, long nonce, boolean coinbase,
                         String senderName, String toName, String publicKey, String signature) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockJson(String hash, int height, int version, String previousHash, String merkleRoot,
                            long timestamp, String bits, long nonce, String target, double difficulty,
                            String headerHex, int size, List<TxJson> transactions) {}

    public TxJson tx(Transaction t) {
        return new TxJson(t.id().toHex(), t.isCoinbase() ? "coinbase" : t.sender().toHex(), t.to().toHex(),
                t.amount(), t.fee(), t.nonce(), t.isCoinbase(),
                t.isCoinbase() ? null : names.apply(t.sender()), names.apply(t.to()),
                t.senderPublicKeyHex(), t.signatureHex());
    }

    public List<TxJson> txs(List<Transaction> txs) {
        return txs.stream().map(this::tx).toList();
    }

    public BlockJson block(Block b, int height) {
        BlockHeader h = b.header();
        return new BlockJson(b.hash().toHex(), height, h.version(), h.previousHash().toHex(), h.merkleRoot().toHex(),
                h.timestamp(), String.format("%08x", h.bits()), h.nonce(),
                String.format("%064x", Target.fromCompact(h.bits())), round2(Target.leadingZeroBits(h.bits())),
                HEX.formatHex(h.encode()), b.sizeBytes(), txs(b.transactions()));
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    // ---- parsing what peers and wallets send ----

    public static Block parseBlock(JsonNode n, int maxTransactions) {
        requireObject(n, "block");
        BlockHeader header = new BlockHeader(
                (int) longField(n, "version", Integer.MIN_VALUE, Integer.MAX_VALUE),
                hashField(n, "previousHash"),
                hashField(n, "merkleRoot"),
                longField(n, "timestamp", 0, Long.MAX_VALUE),
                bitsField(n),
                longField(n, "nonce", Long.MIN_VALUE, Long.MAX_VALUE));
        JsonNode txs = n.get("transactions");
        if (txs == null || !txs.isArray()) {
            throw bad("'transactions' must be an array");
        }
        if (txs.size() > maxTransactions) {
            throw new ApiException(413, "too-large", "a block holds at most " + maxTransactions + " transactions");
        }
        List<Transaction> list = new ArrayList<>(txs.size());
        for (JsonNode t : txs) {
            list.add(parseTransaction(t));
        }
        Block block = new Block(header, list);
        JsonNode hash = n.get("hash");
        if (hash != null && !hash.asText().equalsIgnoreCase(block.hash().toHex())) {
            throw bad("'hash' " + hash.asText() + " does not match the header, which hashes to " + block.hash());
        }
        return block;
    }

    public static Transaction parseTransaction(JsonNode n) {
        requireObject(n, "transaction");
        Transaction tx;
        try {
            tx = Transaction.of(hexField(n, "publicKey", Keys.PUBLIC_KEY_SIZE),
                    Address.of(hexField(n, "to", Address.SIZE)),
                    longField(n, "amount", Long.MIN_VALUE, Long.MAX_VALUE),
                    longField(n, "fee", Long.MIN_VALUE, Long.MAX_VALUE),
                    longField(n, "nonce", Long.MIN_VALUE, Long.MAX_VALUE),
                    hexField(n, "signature", Keys.SIGNATURE_SIZE));
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage());
        }
        JsonNode id = n.get("id");
        if (id != null && !id.asText().equalsIgnoreCase(tx.id().toHex())) {
            throw bad("'id' " + id.asText() + " does not match the transaction's content, whose id is " + tx.id());
        }
        return tx;
    }

    private static void requireObject(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw bad("a " + what + " must be a JSON object");
        }
    }

    private static long longField(JsonNode n, String name, long min, long max) {
        JsonNode f = n.get(name);
        if (f == null || f.isNull()) {
            throw bad("'" + name + "' is required");
        }
        if (!f.isIntegralNumber() || !f.canConvertToLong()) {
            throw bad("'" + name + "' must be a whole number that fits in 64 bits");
        }
        long v = f.asLong();
        if (v < min || v > max) {
            throw bad("'" + name + "' must be from " + min + " to " + max);
        }
        return v;
    }

    private static int bitsField(JsonNode n) {
        JsonNode f = n.get("bits");
        if (f != null && f.isTextual() && f.asText().matches("[0-9a-fA-F]{1,8}")) {
            return Integer.parseUnsignedInt(f.asText(), 16);
        }
        throw bad("'bits' must be the compact target as 8 hex characters, e.g. \"1f00ffff\"");
    }

    private static Hash hashField(JsonNode n, String name) {
        return Hash.of(hexField(n, name, Hash.SIZE));
    }

    private static byte[] hexField(JsonNode n, String name, int bytes) {
        JsonNode f = n.get(name);
        if (f == null || !f.isTextual() || f.asText().length() != bytes * 2) {
            throw bad("'" + name + "' must be " + bytes * 2 + " hex characters");
        }
        try {
            return HEX.parseHex(f.asText());
        } catch (IllegalArgumentException e) {
            throw bad("'" + name + "' must be " + bytes * 2 + " hex characters");
        }
    }

    private static ApiException bad(String detail) {
        return ApiException.badRequest("bad-json", detail);
    }
}
