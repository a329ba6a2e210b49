package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;

/**
 * {@code GET /p2p/headers?locator=...&max=N}: the headers of the peer's main chain after the last
 * locator block it has (Bitcoin's {@code getheaders}). See {@code p2p.HeaderSync}.
 */
public record GetHeaders(List<Hash> locator, int max) implements Request<GetHeaders.Headers> {
    public static final int MAX_LOCATOR = 64;
    public static final int MAX_HEADERS = 2_000;

    /** The answer: headers in chain order, the first at {@code firstHeight}. */
    public record Headers(int firstHeight, List<BlockHeader> headers) {}

    public GetHeaders {
        locator = List.copyOf(locator);
    }

    @Override
    public String path() {
        return "/p2p/headers";
    }

    @Override
    public String query() {
        return "?max=" + max + "&locator=" + WireFormat.hashList(locator);
    }

    @Override
    public Headers serve(Receiver node, Optional<PeerAddress> from) {
        List<BlockHeader> headers = node.headersAfter(locator, Math.min(max, MAX_HEADERS));
        int first = headers.isEmpty() ? 0 : node.height(headers.get(0).previousHash()).orElse(-1) + 1;
        return new Headers(first, headers);
    }

    @Override
    public JsonNode encodeAnswer(Headers answer, WireFormat wire) {
        ArrayNode out = WireFormat.mapper().createArrayNode();
        for (int i = 0; i < answer.headers().size(); i++) {
            out.add(WireFormat.header(answer.headers().get(i), answer.firstHeight() + i));
        }
        return out;
    }

    @Override
    public Headers decodeAnswer(JsonNode json, WireFormat wire) {
        if (!json.isArray() || json.size() > max) {
            throw new MalformedMessage("/p2p/headers must answer an array of at most " + max + " headers");
        }
        List<BlockHeader> headers = new ArrayList<>(json.size());
        try {
            for (JsonNode h : json) {
                headers.add(WireFormat.parseHeader(h));
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("bad header: " + e.getMessage());
        }
        return new Headers(json.isEmpty() ? 0 : json.get(0).path("height").asInt(0), headers);
    }

    @Override
    public int sizeBytes() {
        return SMALL + Hash.SIZE * locator.size();
    }

    @Override
    public int answerSizeBytes(Headers answer) {
        return SMALL + BlockHeader.SIZE * answer.headers().size();
    }
}
