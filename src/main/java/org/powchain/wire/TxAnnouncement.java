package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Transaction;

/** {@code POST /p2p/tx}: a new transaction; the receiver admits it to its mempool. See {@code p2p.TxRelay}. */
public record TxAnnouncement(Transaction tx) implements Request<Transaction> {
    @Override
    public String path() {
        return "/p2p/tx";
    }

    @Override
    public JsonNode body(WireFormat wire) {
        return wire.tx(tx);
    }

    @Override
    public Transaction serve(Receiver node, Optional<PeerAddress> from) throws RuleViolation {
        return node.receiveTransaction(tx, from);
    }

    @Override
    public JsonNode encodeAnswer(Transaction answer, WireFormat wire) {
        ObjectNode out = WireFormat.mapper().createObjectNode();
        out.put("status", "accepted");
        out.put("id", answer.id().toHex());
        return out;
    }

    @Override
    public Transaction decodeAnswer(JsonNode json, WireFormat wire) {
        if (!tx.id().toHex().equals(json.path("id").asText())) {
            throw new MalformedMessage("/p2p/tx must answer the id of the transaction sent");
        }
        return tx;
    }

    @Override
    public int sizeBytes() {
        return SMALL + tx.size();
    }

    @Override
    public int answerSizeBytes(Transaction answer) {
        return SMALL;
    }
}
