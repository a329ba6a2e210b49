package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * {@code POST /p2p/hello}: who I am (tip, chain work, the peers I can reach); the answer is the
 * peer's own hello. See {@code p2p.PeerGossip}.
 */
public record Hello(ObjectNode hello) implements Request<ObjectNode> {
    @Override
    public String path() {
        return "/p2p/hello";
    }

    @Override
    public JsonNode body(WireFormat wire) {
        return hello;
    }

    @Override
    public ObjectNode serve(Receiver node, Optional<PeerAddress> from) throws Refused {
        return node.receiveHello(hello, from);
    }

    @Override
    public JsonNode encodeAnswer(ObjectNode answer, WireFormat wire) {
        return answer;
    }

    @Override
    public ObjectNode decodeAnswer(JsonNode json, WireFormat wire) {
        if (!json.isObject()) {
            throw new MalformedMessage("a hello must be a JSON object");
        }
        return (ObjectNode) json;
    }

    @Override
    public int sizeBytes() {
        return SMALL + 24 * hello.path("peers").size();
    }

    @Override
    public int answerSizeBytes(ObjectNode answer) {
        return SMALL + 24 * answer.path("peers").size();
    }
}
