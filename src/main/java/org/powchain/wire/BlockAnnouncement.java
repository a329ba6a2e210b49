package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.powchain.chain.BlockOutcome;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Codes;
import org.powchain.core.Hash;

/**
 * {@code POST /addblock} (the original node's route): a new block, pushed whole. The receiver
 * validates it; a block whose parent it lacks makes it sync with the sender. See {@code p2p.BlockRelay}.
 */
public record BlockAnnouncement(Block block) implements Request<BlockOutcome> {
    @Override
    public String path() {
        return "/addblock";
    }

    @Override
    public JsonNode body(WireFormat wire) {
        return wire.block(block);
    }

    @Override
    public BlockOutcome serve(Receiver node, Optional<PeerAddress> from) throws RuleViolation {
        return node.receiveBlock(block, from);
    }

    @Override
    public JsonNode encodeAnswer(BlockOutcome outcome, WireFormat wire) {
        ObjectNode out = WireFormat.mapper().createObjectNode();
        out.put("status", Codes.of(outcome.status()));
        out.put("hash", outcome.hash().toHex());
        out.put("height", outcome.height());
        return out;
    }

    @Override
    public BlockOutcome decodeAnswer(JsonNode json, WireFormat wire) {
        try {
            BlockOutcome.Status status = Codes.parse(BlockOutcome.Status.class, json.path("status").asText());
            return new BlockOutcome(status, Hash.fromHex(json.path("hash").asText()), json.path("height").asInt(), Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("/addblock must answer {status, hash, height}: " + e.getMessage());
        }
    }

    @Override
    public int sizeBytes() {
        return SMALL + block.sizeBytes();
    }

    @Override
    public int answerSizeBytes(BlockOutcome answer) {
        return SMALL;
    }
}
