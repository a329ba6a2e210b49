package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.powchain.core.Transaction;

/**
 * {@code GET /p2p/mempool?max=N}: up to N of the peer's pending transactions, so a node nobody
 * can dial still hears of them (Bitcoin's {@code mempool} message).
 */
public record GetMempool(int max) implements Request<List<Transaction>> {
    public static final int MAX = 1_000;

    @Override
    public String path() {
        return "/p2p/mempool";
    }

    @Override
    public String query() {
        return "?max=" + max;
    }

    @Override
    public List<Transaction> serve(Receiver node, Optional<PeerAddress> from) {
        return node.mempoolForPeers(Math.min(max, MAX));
    }

    @Override
    public JsonNode encodeAnswer(List<Transaction> answer, WireFormat wire) {
        ArrayNode out = WireFormat.mapper().createArrayNode();
        answer.forEach(t -> out.add(wire.tx(t)));
        return out;
    }

    @Override
    public List<Transaction> decodeAnswer(JsonNode json, WireFormat wire) {
        if (!json.isArray() || json.size() > max) {
            throw new MalformedMessage("/p2p/mempool must answer an array of at most " + max);
        }
        List<Transaction> out = new ArrayList<>(json.size());
        for (JsonNode t : json) {
            out.add(wire.parseTransaction(t));
        }
        return out;
    }

    @Override
    public int sizeBytes() {
        return SMALL;
    }

    @Override
    public int answerSizeBytes(List<Transaction> answer) {
        return SMALL + answer.stream().mapToInt(Transaction::size).sum();
    }
}
