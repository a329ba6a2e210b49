package org.powchain.p2p;

import org.powchain.consensus.Rule;

/**
 * How many misbehaviour points a peer earns for what it sent ({@link PeerStore#BAN_SCORE} bans).
 * Proof of work makes a bad block costly to forge but free to check, so anything provably invalid
 * bans at once. What an honest peer may send in a race (a block whose parent we lack, a
 * transaction already mined or already queued) costs nothing.
 */
final class Misbehavior {
    /** Not JSON, the wrong shape, over a size limit, headers that do not chain. */
    static final int GARBAGE = 50;
    /** A block nobody asked for, on a side branch forking far below the tip: cheap to make, useless to us. */
    static final int DEEP_SIDE_BLOCK = 10;

    private Misbehavior() {}

    static int forBlock(Rule rule) {
        return switch (rule) {
            case UNKNOWN_PARENT, TIME_TOO_NEW -> 0; // out of order, or clocks that disagree a little
            default -> PeerStore.BAN_SCORE;
        };
    }

    /**
     * A transaction valid yesterday, or on the other side of a fork, may be stale today: a rule
     * that {@link Rule#dependsOnState() depends on state} costs nothing (an honest peer relaying a
     * transaction whose input a reorg just spent is not banned), whatever the ledger model; any
     * other is proof the sender sent garbage.
     */
    static int forTransaction(Rule rule) {
        return rule.dependsOnState() ? 0 : PeerStore.BAN_SCORE;
    }
}
