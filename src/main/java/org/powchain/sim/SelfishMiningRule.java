package org.powchain.sim;

import java.util.SplittableRandom;

/**
 * The selfish pool's decision rule, Eyal and Sirer's Algorithm 1 (SM1, "Majority is not enough",
 * 2014), in one place for the simulator's pool ({@link SelfishMiningScenario}) and for {@code
 * powchain devnet attack selfish} on real nodes: after each block, what the pool does with the
 * blocks it withholds. It keeps only what the algorithm keeps ({@code privateBranchLen}); the lead
 * (the pool's private chain's height minus the public one's, before the new block) is the caller's
 * to measure on its own chains.
 *
 * <p>Not thread-safe: one pool, one rule.
 */
public final class SelfishMiningRule {
    /** What the pool does after a block. */
    public enum Move {
        /** Keep the new block secret. */
        WITHHOLD,
        /** Its branch lost (or there was none): drop what it withholds and mine on the public head. */
        ADOPT,
        /** Equal branches: publish its one secret block now, and race (γ of the honest hashrate may build on it). */
        MATCH,
        /** Publish everything it withholds: its branch has more work, and the honest blocks above the fork go stale. */
        PUBLISH_ALL,
        /** Well ahead: publish its oldest withheld block, keeping the honest miners busy on a branch that will lose. */
        PUBLISH_FIRST
    }

    private int privateBranchLen;

    /** The pool found a block; {@code leadBefore} is its lead before this block. */
    public Move poolFound(int leadBefore) {
        privateBranchLen++;
        if (leadBefore == 0 && privateBranchLen == 2) { // it was racing, and has just won the race itself
            privateBranchLen = 0;
            return Move.PUBLISH_ALL;
        }
        return Move.WITHHOLD;
    }

    /** Someone else found a block; {@code leadBefore} is the pool's lead before it. */
    public Move othersFound(int leadBefore) {
        if (leadBefore <= 0) {
            privateBranchLen = 0;
            return Move.ADOPT;
        }
        if (leadBefore == 1) {
            return Move.MATCH;
        }
        if (leadBefore == 2) {
            privateBranchLen = 0;
            return Move.PUBLISH_ALL;
        }
        return Move.PUBLISH_FIRST;
    }

    /**
     * Eyal and Sirer's own model played for {@code blocks} blocks with this rule: no network, each
     * block the pool's with probability α, and in a race the next honest block on the pool's with
     * probability γ. A race open after the last block is played to its end, and a lead left is
     * published (it wins), as the devnet's attack and the simulator do. Answers the pool's share of
     * the main-chain blocks above the start (NaN if there are none). What the closed form
     * ({@link Literature#selfishMiningRevenue}) is the long-run limit of; runs of a few dozen blocks
     * spread widely around it, which is what this is for.
     */
    public static double playModel(double alpha, double gamma, int blocks, SplittableRandom random) {
        SelfishMiningRule rule = new SelfishMiningRule();
        int lead = 0;          // private height − public height
        int secret = 0;        // the pool's blocks above the fork (withheld or published)
        int honestBranch = 0;  // honest blocks above the fork on the public branch
        boolean racing = false;
        long poolMain = 0;
        long main = 0;
        for (int b = 0; b < blocks || racing; b++) {
            if (random.nextDouble() < alpha) {
                Move m = rule.poolFound(lead);
                secret++;
                lead++;
                if (m == Move.PUBLISH_ALL) { // won the race: its two blocks settle, the honest one is stale
                    poolMain += secret;
                    main += secret;
                    secret = 0;
                    honestBranch = 0;
                    lead = 0;
                    racing = false;
                }
            } else if (racing) { // the race ends with this honest block, on one branch or the other
                rule.othersFound(0);
                boolean onPool = random.nextDouble() < gamma;
                poolMain += onPool ? secret : 0;
                main += onPool ? secret + 1 : honestBranch + 1;
                secret = 0;
                honestBranch = 0;
                lead = 0;
                racing = false;
            } else {
                switch (rule.othersFound(lead)) {
                    case ADOPT -> {
                        main += 1;
                        secret = 0;
                        honestBranch = 0;
                        lead = 0;
                    }
                    case MATCH -> {
                        racing = true;
                        honestBranch++;
                        lead = 0;
                    }
                    case PUBLISH_ALL -> {
                        poolMain += secret;
                        main += secret;
                        secret = 0;
                        honestBranch = 0;
                        lead = 0;
                    }
                    default -> { // PUBLISH_FIRST: the lead shrinks by one
                        honestBranch++;
                        lead--;
                    }
                }
            }
        }
        if (lead > 0) { // the pool publishes its lead at the end, and its branch wins
            poolMain += secret;
            main += secret;
        }
        return main == 0 ? Double.NaN : (double) poolMain / main;
    }

    /**
     * The pool's share of the main chain over {@code runs} runs of {@link #playModel}: {low, median,
     * high} as the 5th, 50th and 95th percentiles (runs with no main-chain block left out).
     */
    public static double[] spread(double alpha, double gamma, int blocks, int runs, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] shares = new double[runs];
        int n = 0;
        for (int r = 0; r < runs; r++) {
            double s = playModel(alpha, gamma, blocks, random);
            if (!Double.isNaN(s)) {
                shares[n++] = s;
            }
        }
        if (n == 0) {
            return new double[] {0, 0, 0};
        }
        double[] sorted = java.util.Arrays.copyOf(shares, n);
        java.util.Arrays.sort(sorted);
        return new double[] {sorted[(int) Math.floor(0.05 * (n - 1))], sorted[(n - 1) / 2], sorted[(int) Math.ceil(0.95 * (n - 1))]};
    }
}
