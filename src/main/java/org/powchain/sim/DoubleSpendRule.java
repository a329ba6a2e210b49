package org.powchain.sim;

/**
 * The double-spend attacker's rule, one place for the simulator and for {@code powchain devnet
 * attack double-spend} on real nodes: after each block, publish the private branch once the
 * merchant has counted its confirmations and the branch has more work than the public chain; give
 * up once the merchant has them and the branch is so far behind that catching up is all but
 * impossible; otherwise keep mining in secret.
 */
public final class DoubleSpendRule {
    public enum Move { KEEP_MINING, PUBLISH, GIVE_UP }

    private DoubleSpendRule() {}

    /**
     * How far behind the attacker gives up, or the cap: its chance to catch up from there,
     * (q/p)^(deficit + 1), is below 1e-4, so giving up lowers the success rate by less than that,
     * far inside the interval of any run this program can make (it was 1e-6: the trials that fail
     * spent half their blocks on those last 6 deficits). With half the hashrate or more the
     * attacker catches up sooner or later, so only the cap stops it.
     */
    public static int giveUpDeficit(double q) {
        if (q >= 0.5) {
            return 80;
        }
        return (int) Math.min(80, Math.ceil(Math.log(1e-4) / Math.log(q / (1 - q))));
    }

    /**
     * @param confirmations the merchant's confirmations of the payment now
     * @param z             the confirmations the merchant waits for
     * @param branchHasMoreWork whether the private branch has more work than the public chain
     * @param deficit       public blocks since the fork minus private ones
     * @param giveUpDeficit {@link #giveUpDeficit(double)} for the attacker's share
     */
    public static Move next(int confirmations, int z, boolean branchHasMoreWork, int deficit, int giveUpDeficit) {
        if (confirmations >= z && branchHasMoreWork) {
            return Move.PUBLISH;
        }
        if (confirmations >= z && deficit >= giveUpDeficit) {
            return Move.GIVE_UP;
        }
        return Move.KEEP_MINING;
    }
}
