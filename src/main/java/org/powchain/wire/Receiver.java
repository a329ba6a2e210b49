package org.powchain.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.powchain.chain.BlockOutcome;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Transaction;

/**
 * The receiving node as a message's handler ({@link Request#serve}) sees it: all that a peer's
 * message may ask of it, and nothing else. {@code p2p.Network} is the node's side of it; the messages
 * know only this, so a message is read without the rest of the protocol in view.
 */
public interface Receiver {
    /** A peer said hello: see {@code p2p.PeerGossip.receiveHello}; our own hello is the answer. */
    ObjectNode receiveHello(JsonNode hello, Optional<PeerAddress> from) throws Refused;

    /** Our main chain's headers after the first locator block we have on it, at most {@code max}. */
    List<BlockHeader> headersAfter(List<Hash> locator, int max);

    /** The height of a block we have, main chain or side branch. */
    OptionalInt height(Hash block);

    /** The blocks we have of those asked for, in the order asked. */
    List<Block> blocks(List<Hash> hashes);

    /** A peer (or a user) sent a block: validate it; a block whose parent we lack makes us sync with the sender. */
    BlockOutcome receiveBlock(Block block, Optional<PeerAddress> from) throws RuleViolation;

    /** A peer relayed a transaction: admit it to the mempool, which relays it on if it is new. */
    Transaction receiveTransaction(Transaction tx, Optional<PeerAddress> from) throws RuleViolation;

    /** Up to {@code max} of our pending transactions, for a peer that pulls them. */
    List<Transaction> mempoolForPeers(int max);
}
