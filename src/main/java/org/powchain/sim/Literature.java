package org.powchain.sim;

/**
 * The published closed forms that simulations are checked against: pure functions, no state.
 *
 * <p>Probabilities are summed as positive terms in log space rather than as {@code 1 - sum}, so a
 * result of 1e-40 keeps its digits instead of vanishing in cancellation, and {@code z} in the
 * hundreds neither overflows a factorial nor underflows {@code p^z}.
 */
public final class Literature {
    /** The two-sided 99% normal quantile, for {@link #wilson}. */
    public static final double Z99 = 2.5758;

    /** Terms below this fraction of the running sum no longer change a double. */
    private static final double NEGLIGIBLE = 1e-18;

    private Literature() {
    }

    /**
     * The attacker's chance to ever catch up from {@code z} blocks behind, as Nakamoto computes it
     * in the Bitcoin whitepaper (2008), §11 "Calculations": the attacker's progress while the
     * honest chain adds {@code z} blocks is taken as Poisson with mean λ = z·q/p, and from k blocks
     * it catches up with the gambler's-ruin probability (q/p)^(z−k):
     * <pre>P = Σ_{k≥0} e^{−λ} λ^k / k! · (q/p)^{max(z−k, 0)}</pre>
     * which the whitepaper rearranges to 1 − Σ_{k=0}^{z} Poisson(k; λ)·(1 − (q/p)^(z−k)).
     *
     * @param q the attacker's share of hashrate, 0 ≤ q ≤ 1 (p = 1 − q is the honest share)
     * @param z the number of blocks the merchant waits for, z ≥ 0
     * @return the probability of success; 1 when q ≥ p
     */
    public static double nakamoto(double q, int z) {
        checkShare(q, "q");
        checkConfirmations(z);
        double p = 1 - q;
        if (q >= p) {
            return 1;
        }
        if (q == 0) {
            return z == 0 ? 1 : 0;
        }
        double lambda = z * q / p;
        double logLambda = Math.log(lambda);
        double logRatio = Math.log(q / p);
        double logPoisson = -lambda; // log of Poisson(0; λ)
        double sum = 0;
        for (int k = 0; ; k++) {
            if (k > 0) {
                logPoisson += logLambda - Math.log(k);
            }
            double term = Math.exp(logPoisson + Math.max(z - k, 0) * logRatio);
            sum += term;
            // past the mean the Poisson terms only shrink, and faster than geometrically
            if (k > z && k > lambda && term <= sum * NEGLIGIBLE) {
                return Math.min(sum, 1);
            }
        }
    }

    /**
     * The exact probability of a successful double spend, from Rosenfeld, "Analysis of
     * hashrate-based double spending" (2012, arXiv:1402.2009). While the honest network finds z
     * blocks, the number m the attacker finds is negative binomial, P(m) = C(m+z−1, m)·p^z·q^m
     * (Nakamoto's Poisson assumes the honest blocks took exactly their expected time). From there
     * the gambler's ruin gives (q/p)^(d+1) for getting one block ahead from d behind; the paper
     * counts the attacker's block pre-mined before the payment, so d = z − m − 1 and the factor is
     * (q/p)^(z−m), the same "catch up" as Nakamoto's:
     * <pre>r = Σ_{m≥0} C(m+z−1, m)·p^z·q^m · (q/p)^{max(z−m, 0)}</pre>
     * which equals the paper's 1 − Σ_{m=0}^{z} C(m+z−1, m)(p^z q^m − p^m q^z), and Grunspan and
     * Pérez-Marco's I_{4pq}(z, 1/2) ("Double spend races", 2017). For the confirmations merchants
     * wait for it exceeds Nakamoto's figure: at q = 0.1, z = 6, 0.059% against 0.024%.
     *
     * @param q the attacker's share of hashrate, 0 ≤ q ≤ 1
     * @param z confirmations the merchant waits for, z ≥ 0 (z = 0 always succeeds)
     * @return the probability of success; 1 when q ≥ p
     */
    public static double rosenfeld(double q, int z) {
        checkShare(q, "q");
        checkConfirmations(z);
        double p = 1 - q;
        if (q >= p || z == 0) {
            return 1;
        }
        if (q == 0) {
            return 0;
        }
        double logQ = Math.log(q);
        double logRatio = Math.log(q / p);
        double logNegBinomial = z * Math.log(p); // log P(m = 0)
        double sum = 0;
        for (int m = 0; ; m++) {
            if (m > 0) {
                logNegBinomial += Math.log((double) (m + z - 1) / m) + logQ;
            }
            double term = Math.exp(logNegBinomial + Math.max(z - m, 0) * logRatio);
            sum += term;
            // once (m+z−1)·q < m the terms only shrink, by a ratio that keeps falling toward q
            if (m > z && (double) (m + z - 1) * q < m && term <= sum * NEGLIGIBLE) {
                return Math.min(sum, 1);
            }
        }
    }

    /**
     * The selfish pool's share of the blocks on the main chain, from Eyal and Sirer, "Majority is
     * not enough: Bitcoin mining is vulnerable" (2014), equation (8), for their strategy SM1:
     * <pre>R_pool = (α(1−α)²(4α + γ(1−2α)) − α³) / (1 − α(1 + (2−α)α))</pre>
     *
     * @param alpha the pool's share of hashrate, 0 ≤ α ≤ 0.5 (the paper's range; at 0.5 it is 1)
     * @param gamma the share of honest miners that mine on the pool's block when two compete
     * @return the pool's relative revenue; it exceeds α exactly when α is above
     *     {@link #selfishMiningThreshold(double)}
     */
    public static double selfishMiningRevenue(double alpha, double gamma) {
        if (!(alpha >= 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in [0, 0.5]: " + alpha);
        }
        checkShare(gamma, "gamma");
        double numerator = alpha * (1 - alpha) * (1 - alpha) * (4 * alpha + gamma * (1 - 2 * alpha))
                - alpha * alpha * alpha;
        double denominator = 1 - alpha * (1 + (2 - alpha) * alpha);
        return numerator / denominator;
    }

    /**
     * The smallest pool share for which selfish mining pays, from Eyal and Sirer (2014): equation (8)
     * exceeds α exactly when α > (1−γ)/(3−2γ). A third of the hashrate with γ = 0; none with γ = 1.
     *
     * @param gamma the share of honest miners that mine on the pool's block, 0 ≤ γ ≤ 1
     */
    public static double selfishMiningThreshold(double gamma) {
        checkShare(gamma, "gamma");
        return (1 - gamma) / (3 - 2 * gamma);
    }

    /**
     * The Wilson score interval for a binomial proportion, from Wilson, "Probable inference, the
     * law of succession, and statistical inference", JASA 22 (1927): the proportions p for which
     * the observed p̂ lies within z standard errors, (p̂ − p)² = z²·p(1−p)/n, solved for p:
     * <pre>(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)</pre>
     * Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays inside [0, 1] and is not empty when p̂ is 0 or 1, which
     * is where a rare double spend puts it.
     *
     * @param successes how many trials succeeded, 0 ≤ successes ≤ trials
     * @param trials how many trials ran; with none the interval is [0, 1]
     * @param z the normal quantile, e.g. {@link #Z99}
     * @return {low, high}
     */
    public static double[] wilson(long successes, long trials, double z) {
        return wilson((double) successes, trials, z);
    }

    /**
     * {@link #wilson(long, long, double)} for a count and a number of trials that need not be whole:
     * trials whose outcomes lie anywhere in [0, 1], added up (see DoubleSpendScenario's interval).
     */
    public static double[] wilson(double successes, double trials, double z) {
        if (trials < 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials: " + successes + " of " + trials);
        }
        if (!(z > 0)) {
            throw new IllegalArgumentException("z must be positive: " + z);
        }
        if (trials == 0) {
            return new double[] {0, 1};
        }
        double n = trials;
        double phat = successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (phat + z2 / (2 * n)) / denominator;
        double half = z * Math.sqrt(phat * (1 - phat) / n + z2 / (4 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static void checkShare(double share, String name) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + share);
        }
    }

    private static void checkConfirmations(int z) {
        if (z < 0) {
            throw new IllegalArgumentException("z must be >= 0: " + z);
        }
    }
}
