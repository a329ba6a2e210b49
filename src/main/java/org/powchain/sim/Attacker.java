package org.powchain.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.wire.BlockAnnouncement;

/**
 * An attacker: a real node with a strategy in front of it, in two halves built from the real
 * classes. It mines on its {@linkplain #secret() secret} half, a node with no network at all, which
 * holds its private branch and hears of public blocks. The world talks to its
 * {@linkplain #face() face}, a node on the network whose chain holds only the blocks the strategy
 * {@linkplain #publish published} and their ancestors. Whatever a peer asks (headers, blocks, the
 * mempool, a hello with its chain work), the face answers, so no protocol path reveals a block
 * before the strategy publishes it.
 */
public final class Attacker {
    private final Simulation sim;
    private final SimNode face;
    private final SimNode secret;
    /** The blocks given to the face: all the world may see of what the attacker mined (and public blocks). */
    private final Set<Hash> published = new HashSet<>();

    Attacker(Simulation sim, SimNode face, SimNode secret) {
        this.sim = sim;
        this.face = face;
        this.secret = secret;
    }

    /** On the network: what peers see of the attacker. */
    public SimNode face() {
        return face;
    }

    /** Offline: where the attacker mines and keeps what it withholds. */
    public SimNode secret() {
        return secret;
    }

    /** Whether {@code hash} was given to the face (the world may have it). */
    public boolean isPublished(Hash hash) {
        return published.contains(hash);
    }

    /** A public block the attacker learned of: its secret chain takes it, and moves to it if it has more work. */
    void hear(Block block) {
        give(secret, block);
    }

    /**
     * Shows {@code block}, a block of the secret chain, to the world: the face takes it and every
     * ancestor it lacks, oldest first, and {@code to} are told of {@code block}; a node missing its
     * ancestors fetches them from the face by sync.
     */
    void publish(Block block, List<SimNode> to) {
        List<Block> missing = new ArrayList<>();
        for (BlockNode b = secret.queries().node(block.hash()).orElseThrow(); !face.queries().knows(b.hash()); b = b.parent()) {
            // a public block deeper than the secret node keeps (Simulation.pruneHistory): as any peer would serve it
            Hash h = b.hash();
            missing.add(secret.queries().block(h).or(() -> sim.nodes().get(0).queries().block(h)).orElseThrow(
                    () -> new IllegalStateException("block " + h + " is neither on the attacker's node nor on the archive node")));
        }
        Collections.reverse(missing);
        for (Block b : missing) {
            give(face, b);
            published.add(b.hash());
        }
        announce(block, to);
    }

    private void announce(Block block, List<SimNode> to) {
        for (SimNode n : to) {
            sim.network().transport(face.index()).request(sim.network().address(n.index()), new BlockAnnouncement(block));
        }
    }

    private static void give(SimNode node, Block block) {
        try {
            node.chain().process(block);
        } catch (RuleViolation v) { // every block it hears or mines is valid and in order: this is a bug
            throw new IllegalStateException(node.id() + " refused a block: " + v.getMessage(), v);
        }
    }
}
