package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.TransactionCodec;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * Blocks, headers and transactions as JSON on the wire (docs/PROTOCOL.md). Parsing is strict:
 * anything missing, out of range, or whose {@code hash}/{@code id} does not match the content is a
 * {@link MalformedMessage}. Writing gives the fields parsing needs; the explorer's JSON
 * ({@code api.JsonCodec}) adds display fields on top, which parsing ignores, so what a node prints
 * is what a peer may send back.
 *
 * <p>A transaction's fields are its ledger model's ({@link TransactionCodec}, from
 * {@code ConsensusParams.ledger()}): an instance is the format of one network, made by
 * {@link #of}. What does not depend on the model (headers, hashes, JSON) is static.
 */
public final class WireFormat {
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TransactionCodec codec;
    private final int maxTransactionsPerBlock;

    /**
     * @param maxTransactionsPerBlock a block announcing more is refused as too large before its
     *                                transactions are parsed
     */
    public WireFormat(TransactionCodec codec, int maxTransactionsPerBlock) {
        this.codec = codec;
        this.maxTransactionsPerBlock = maxTransactionsPerBlock;
    }

    /** The format of the network {@code params} make: its ledger model's transactions, its block bound. */
    public static WireFormat of(ConsensusParams params) {
        return new WireFormat(params.ledger().codec(), maxTransactionsPerBlock(params));
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    // ---- writing ----

    public ObjectNode tx(Transaction t) {
        ObjectNode n = MAPPER.createObjectNode();
        codec.write(t, new JsonFields(n));
        return n;
    }

    /** {@link #tx} with the display fields the API shows; {@code names} gives an address's demo name, or null. */
    public ObjectNode displayTx(Transaction t, Function<Address, String> names) {
        ObjectNode n = MAPPER.createObjectNode();
        codec.writeForDisplay(t, new JsonFields(n), names);
        return n;
    }

    public ObjectNode block(Block b) {
        BlockHeader h = b.header();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("hash", b.hash().toHex());
        n.put("version", h.version());
        n.put("previousHash", h.previousHash().toHex());
        n.put("merkleRoot", h.merkleRoot().toHex());
        n.put("timestamp", h.timestamp());
        n.put("bits", String.format("%08x", h.bits()));
        n.put("nonce", h.nonce());
        ArrayNode txs = n.putArray("transactions");
        b.transactions().forEach(t -> txs.add(tx(t)));
        return n;
    }

    /** A header as {@code {"hash", "height", "headerHex"}}: the 88 bytes that are hashed, in hex. */
    public static ObjectNode header(BlockHeader h, int height) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("hash", h.hash().toHex());
        n.put("height", height);
        n.put("headerHex", HEX.formatHex(h.encode()));
        return n;
    }

    // ---- parsing ----

    public static JsonNode parseJson(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedMessage("the body must be JSON, got nothing");
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new MalformedMessage("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /**
     * How many transactions {@link #parseBlock} reads of a block before it calls the block garbage:
     * more than a block within the size limit can hold, even of the ledger model's smallest
     * transactions. A bound on the parser's work only; the size rule itself is
     * {@code consensus.BlockValidator}'s.
     */
    public static int maxTransactionsPerBlock(ConsensusParams params) {
        return params.maxBlockBytes() / params.ledger().minTransactionSize() + 1;
    }

    /** A block of at most {@link #maxTransactionsPerBlock} transactions. */
    public Block parseBlock(JsonNode n) {
        return parseBlock(n, maxTransactionsPerBlock);
    }

    /** A block of at most {@code maxTransactions}, whatever this format's limit. */
    public Block parseBlock(JsonNode n, int maxTransactions) {
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
            throw new MalformedMessage("'transactions' must be an array");
        }
        if (txs.size() > maxTransactions) {
            throw MalformedMessage.tooLarge("a block holds at most " + maxTransactions + " transactions");
        }
        List<Transaction> list = new ArrayList<>(txs.size());
        for (JsonNode t : txs) {
            list.add(parseTransaction(t));
        }
        Block block = new Block(header, list);
        JsonNode hash = n.get("hash");
        if (hash != null && !hash.asText().equalsIgnoreCase(block.hash().toHex())) {
            throw new MalformedMessage("'hash' " + hash.asText() + " does not match the header, which hashes to "
                    + block.hash());
        }
        return block;
    }

    public Transaction parseTransaction(JsonNode n) {
        requireObject(n, "transaction");
        Transaction tx;
        try {
            tx = codec.read(new JsonFields(n));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage(e.getMessage());
        }
        JsonNode id = n.get("id");
        if (id != null && !id.asText().equalsIgnoreCase(tx.id().toHex())) {
            throw new MalformedMessage("'id' " + id.asText() + " does not match the transaction's content, whose id is "
                    + tx.id());
        }
        return tx;
    }

    /** A header from {@code {"headerHex": ...}}; a {@code hash} that does not match is refused. */
    public static BlockHeader parseHeader(JsonNode n) {
        requireObject(n, "header");
        BlockHeader h = BlockHeader.decode(hexField(n, "headerHex", BlockHeader.SIZE));
        JsonNode hash = n.get("hash");
        if (hash != null && !hash.asText().equalsIgnoreCase(h.hash().toHex())) {
            throw new MalformedMessage("'hash' " + hash.asText() + " does not match the header, which hashes to " + h.hash());
        }
        return h;
    }

    /** Hex hashes separated by commas (a locator, a list of blocks to fetch), at most {@code max}. */
    public static List<Hash> parseHashList(String csv, int max) {
        List<Hash> out = new ArrayList<>();
        if (csv == null || csv.isBlank()) {
            return out;
        }
        for (String s : csv.split(",", -1)) {
            if (out.size() == max) {
                throw MalformedMessage.tooLarge("at most " + max + " hashes");
            }
            if (s.length() != Hash.SIZE * 2) {
                throw new MalformedMessage("'" + abbreviate(s) + "' is not a hash of " + Hash.SIZE * 2 + " hex characters");
            }
            try {
                out.add(Hash.of(HEX.parseHex(s)));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessage("'" + abbreviate(s) + "' is not hex");
            }
        }
        return out;
    }

    public static String hashList(List<Hash> hashes) {
        return String.join(",", hashes.stream().map(Hash::toHex).toList());
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }

    /** The codec's fields as a JSON object: written into one, or read (strictly) from one. */
    private record JsonFields(JsonNode n) implements TransactionCodec.Fields, TransactionCodec.FieldReader {
        @Override
        public void put(String name, String value) {
            ((ObjectNode) n).put(name, value);
        }

        @Override
        public void put(String name, long value) {
            ((ObjectNode) n).put(name, value);
        }

        @Override
        public void put(String name, boolean value) {
            ((ObjectNode) n).put(name, value);
        }

        @Override
        public TransactionCodec.Elements list(String name) {
            ArrayNode list = ((ObjectNode) n).putArray(name);
            return () -> new JsonFields(list.addObject());
        }

        @Override
        public long wholeNumber(String name) {
            return longField(n, name, Long.MIN_VALUE, Long.MAX_VALUE);
        }

        @Override
        public byte[] hex(String name, int bytes) {
            return hexField(n, name, bytes);
        }

        @Override
        public List<TransactionCodec.FieldReader> list(String name, int max) {
            JsonNode f = n.get(name);
            if (f == null || !f.isArray()) {
                throw new MalformedMessage("'" + name + "' must be an array");
            }
            if (f.size() > max) {
                throw MalformedMessage.tooLarge("'" + name + "' holds at most " + max + " elements");
            }
            List<TransactionCodec.FieldReader> out = new ArrayList<>(f.size());
            for (JsonNode e : f) {
                requireObject(e, "element of '" + name + "'");
                out.add(new JsonFields(e));
            }
            return out;
        }
    }

    private static void requireObject(JsonNode n, String what) {
        if (n == null || !n.isObject()) {
            throw new MalformedMessage("a " + what + " must be a JSON object");
        }
    }

    private static long longField(JsonNode n, String name, long min, long max) {
        JsonNode f = n.get(name);
        if (f == null || f.isNull()) {
            throw new MalformedMessage("'" + name + "' is required");
        }
        if (!f.isIntegralNumber() || !f.canConvertToLong()) {
            throw new MalformedMessage("'" + name + "' must be a whole number that fits in 64 bits");
        }
        long v = f.asLong();
        if (v < min || v > max) {
            throw new MalformedMessage("'" + name + "' must be from " + min + " to " + max);
        }
        return v;
    }

    private static int bitsField(JsonNode n) {
        JsonNode f = n.get("bits");
        if (f != null && f.isTextual() && f.asText().matches("[0-9a-fA-F]{1,8}")) {
            return Integer.parseUnsignedInt(f.asText(), 16);
        }
        throw new MalformedMessage("'bits' must be the compact target as 8 hex characters, e.g. \"1f00ffff\"");
    }

    private static Hash hashField(JsonNode n, String name) {
        return Hash.of(hexField(n, name, Hash.SIZE));
    }

    private static byte[] hexField(JsonNode n, String name, int bytes) {
        JsonNode f = n.get(name);
        if (f == null || !f.isTextual() || f.asText().length() != bytes * 2) {
            throw new MalformedMessage("'" + name + "' must be " + bytes * 2 + " hex characters");
        }
        try {
            return HEX.parseHex(f.asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("'" + name + "' must be " + bytes * 2 + " hex characters");
        }
    }
}
