package org.powchain.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Target;
import org.powchain.core.Transaction;
import org.powchain.wire.MalformedMessage;
import org.powchain.wire.WireFormat;

/**
 * The JSON shape of blocks and transactions, both ways. What a node prints is what a peer sends
 * back: {@link #parseBlock} reads exactly what {@link #block} writes (the extra display fields
 * are ignored, but an {@code id} or {@code hash} that does not match the content is refused).
 * A transaction's fields are its ledger model's codec's, through the node's {@link WireFormat}.
 */
public final class JsonCodec {
    private static final HexFormat HEX = HexFormat.of();

    private final WireFormat wire;
    private final Function<Address, String> names;

    /** @param names a demo name for an address, or null: shown next to hex addresses */
    public JsonCodec(WireFormat wire, Function<Address, String> names) {
        this.wire = wire;
        this.names = names;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlockJson(String hash, int height, int version, String previousHash, String merkleRoot,
                            long timestamp, String bits, long nonce, String target, double difficulty,
                            String headerHex, int size, List<ObjectNode> transactions) {}

    /** The wire's fields with display fields among them (who pays whom, demo names). */
    public ObjectNode tx(Transaction t) {
        return wire.displayTx(t, names);
    }

    public List<ObjectNode> txs(List<? extends Transaction> txs) {
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

    // ---- parsing what peers and wallets send (the wire format lives in wire.WireFormat) ----

    public Block parseBlock(JsonNode n, int maxTransactions) {
        try {
            return wire.parseBlock(n, maxTransactions);
        } catch (MalformedMessage m) {
            throw of(m);
        }
    }

    public Transaction parseTransaction(JsonNode n) {
        try {
            return wire.parseTransaction(n);
        } catch (MalformedMessage m) {
            throw of(m);
        }
    }

    /** Garbage is the caller's mistake: 413 when over a limit, 400 otherwise. */
    static ApiException of(MalformedMessage m) {
        return m.isTooLarge() ? new ApiException(413, "too-large", m.getMessage())
                : ApiException.badRequest("bad-json", m.getMessage());
    }
}
