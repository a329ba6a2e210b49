package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.powchain.consensus.RuleViolation;

/**
 * A message one node sends another, with everything about it in one place: the HTTP route it is
 * mounted at and its JSON in the network's {@link WireFormat} (for the HTTP transport), its size on the wire (for the simulated one),
 * and its handler, {@link #serve}: what a node does when it arrives and what it answers. A new
 * message is a new implementation of this interface (docs/PROTOCOL.md lists them).
 *
 * @param <A> what the receiving node answers
 */
public interface Request<A> {

    /** The HTTP route that serves it; a GET unless {@link #body()} is present. */
    String path();

    /** For a GET: the query string, starting with {@code ?}, or empty. */
    default String query() {
        return "";
    }

    /** For a POST: the JSON body, in {@code wire}'s format; null for a GET. */
    default JsonNode body(WireFormat wire) {
        return null;
    }

    /** The handler: runs on the receiving node; a refusal becomes a 4xx answer. */
    A serve(Receiver node, Optional<PeerAddress> from) throws RuleViolation, Refused;

    JsonNode encodeAnswer(A answer, WireFormat wire);

    /** Parses a peer's answer; anything that is not the shape this message answers is a {@link MalformedMessage}. */
    A decodeAnswer(JsonNode json, WireFormat wire);

    /** Bytes this request takes on the wire (the simulated bandwidth charges them). */
    int sizeBytes();

    /** Bytes the answer takes on the wire. */
    int answerSizeBytes(A answer);

    /** Bytes of a small JSON message: headers and a few fields. */
    int SMALL = 200;
}
