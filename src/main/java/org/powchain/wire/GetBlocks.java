package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.powchain.core.Block;
import org.powchain.core.Hash;

/**
 * {@code GET /p2p/blocks?hashes=...}: the blocks with these hashes that the peer has, in the
 * order asked (Bitcoin's {@code getdata}). See {@code p2p.HeaderSync}.
 */
public record GetBlocks(List<Hash> hashes) implements Request<List<Block>> {
    /** 64 x 65 characters keeps the URL under 5 kB. */
    public static final int MAX_BLOCKS = 64;

    public GetBlocks {
        hashes = List.copyOf(hashes);
    }

    @Override
    public String path() {
        return "/p2p/blocks";
    }

    @Override
    public String query() {
        return "?hashes=" + WireFormat.hashList(hashes);
    }

    @Override
    public List<Block> serve(Receiver node, Optional<PeerAddress> from) {
        return node.blocks(hashes);
    }

    @Override
    public JsonNode encodeAnswer(List<Block> answer, WireFormat wire) {
        ArrayNode out = WireFormat.mapper().createArrayNode();
        answer.forEach(b -> out.add(wire.block(b)));
        return out;
    }

    @Override
    public List<Block> decodeAnswer(JsonNode json, WireFormat wire) {
        if (!json.isArray() || json.size() > hashes.size()) {
            throw new MalformedMessage("/p2p/blocks must answer an array of at most the blocks asked for");
        }
        List<Block> out = new ArrayList<>(json.size());
        for (JsonNode b : json) {
            Block block = wire.parseBlock(b);
            if (!hashes.contains(block.hash())) {
                throw new MalformedMessage("it sent block " + block.hash() + ", which was not asked for");
            }
            out.add(block);
        }
        return out;
    }

    @Override
    public int sizeBytes() {
        return SMALL + Hash.SIZE * hashes.size();
    }

    @Override
    public int answerSizeBytes(List<Block> answer) {
        return SMALL + answer.stream().mapToInt(Block::sizeBytes).sum();
    }
}
