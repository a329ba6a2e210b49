package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.wire.TxAnnouncement;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate double-spend}: why a merchant waits for confirmations. A payer pays the
 * merchant; at the same moment an attacker with a share q of the hashrate starts mining, in
 * secret, a branch whose first block spends the same coins elsewhere (same sender, same nonce).
 * The merchant hands over the goods after z confirmations. The attacker publishes its branch as
 * soon as the merchant has z confirmations and the branch has more work than the public chain;
 * honest nodes then switch to it (most work wins) and the payment is gone. Once the merchant has
 * its confirmations and the attacker is behind (by more than {@code --follow-behind}), the trial
 * ends and counts the attacker's exact chance to catch up instead ({@link #catchUp}).
 *
 * <p>The closed forms: Nakamoto 2008 §11 (an approximation: the attacker's progress as Poisson)
 * and Rosenfeld 2012 (exact: negative binomial). See docs/concepts/confirmations.md.
 */
public final class DoubleSpendScenario extends Scenario<DoubleSpendScenario.Point, DoubleSpendScenario.Result> {
    /**
     * @param followBehind how far behind the public chain, once the merchant has its confirmations,
     *                     the attacker is still simulated before the trial ends and counts its exact
     *                     chance to catch up ({@link #catchUp}); 0 ends it at once
     */
    public record Options(double attackerShare, int confirmations, int trials, int honestNodes, double blockIntervalSeconds,
                          double latencyMs, int difficultyBits, long seed, int followBehind) {
        /** Ends each trial as soon as the merchant has its confirmations and the attacker is not ahead. */
        public Options(double attackerShare, int confirmations, int trials, int honestNodes, double blockIntervalSeconds,
                       double latencyMs, int difficultyBits, long seed) {
            this(attackerShare, confirmations, trials, honestNodes, blockIntervalSeconds, latencyMs, difficultyBits, seed, 0);
        }

        public Options {
            if (followBehind < 0 || followBehind > MAX_DEFICIT) {
                throw new IllegalArgumentException("--follow-behind must be in 0.." + MAX_DEFICIT + ": got " + followBehind);
            }
            if (!(attackerShare > 0)) {
                throw new IllegalArgumentException("--attacker-share must be > 0: got " + attackerShare);
            }
            if (attackerShare >= 0.5) {
                throw new IllegalArgumentException("--attacker-share must be < 0.5: got " + attackerShare + "; with half the"
                        + " hashrate or more the attacker catches up sooner or later, so success is certain (1) and a"
                        + " trial has no bound");
            }
            if (confirmations < 1) {
                throw new IllegalArgumentException("--confirmations must be >= 1: got " + confirmations);
            }
            if (trials < 1) {
                throw new IllegalArgumentException("--trials must be >= 1: got " + trials);
            }
            if (honestNodes < 2) {
                throw new IllegalArgumentException("--honest-nodes must be >= 2: got " + honestNodes);
            }
        }
    }

    /**
     * @param reversed  trials whose payment the simulation saw reversed
     * @param tail      the chance, added up, that the trials ended far behind would still have won (see {@link #catchUp})
     * @param successes {@code reversed + tail}: the expected number of reversed payments
     * @param sumSquares the trials' outcomes squared, added up (kept for a narrower interval some day; see {@link #result})
     */
    @JsonPropertyOrder({"attackerShare", "confirmations", "trials", "successes", "reversed", "tail", "successRate", "ci99",
            "ci99Method", "nakamoto", "rosenfeld", "blocksMined", "wallSeconds"})
    public record Result(double attackerShare, int confirmations, int trials, double successes, long reversed, double tail,
                         double successRate,
                         @JsonIgnore double ci99Low, @JsonIgnore double ci99High, double nakamoto, double rosenfeld,
                         long blocksMined, double wallSeconds, @JsonIgnore List<Trial> trialLog, List<Block> finalChain,
                         @JsonIgnore double sumSquares)
            implements ScenarioResult {
        /** The success rate's 99% Wilson interval, low and high. */
        @JsonProperty("ci99")
        List<Double> ci99() {
            return List.of(ci99Low, ci99High);
        }

        @JsonProperty("ci99Method")
        String ci99Method() {
            return WILSON + ", each attack a trial whose outcome is 1, 0, or its exact chance to catch up";
        }
    }

    /** The furthest {@code --follow-behind} follows a losing attacker. */
    static final int MAX_DEFICIT = 80;

    /**
     * One attack, as {@code trials.csv} lists it: whether the payment was reversed, whether the
     * attacker published at all, the blocks mined from the start of the pre-mine to the outcome, the
     * virtual time from the payment to the outcome, and, for a trial ended behind, the attacker's
     * exact chance to catch up ({@link #catchUp}), which is the trial's outcome in the rate.
     */
    @JsonPropertyOrder({"reversed", "published", "blocks", "minutes", "catchUp"})
    public record Trial(boolean reversed, boolean published, int blocks, double minutes, double catchUp) {}

    /** Why double-spend (and eclipse) trials refuse --loss. */
    static final String LOSS_REFUSED = "--loss must be 0 for double-spend and eclipse: their trials start from a quiet network "
            + "(nothing in flight, every honest node on one tip), which a lossy network is not; use --loss with network, "
            + "selfish-mining, difficulty or partition";

    /**
     * The chance that an attacker {@code deficit} blocks behind the public chain ever gets ahead
     * of it (it publishes only a branch with more work): a random walk that steps up with
     * probability q and down with p = 1 − q, from −deficit to +1, reaches it with probability
     * (q/p)^(deficit + 1) (the gambler's ruin against an infinitely rich adversary; Nakamoto 2008
     * §11, Rosenfeld 2012). Once the merchant has its confirmations nothing else decides the
     * outcome, so a trial may stop at any deficit and count this chance exactly: the expected
     * success rate is unchanged (no give-up bias at any q &lt; 1/2; the old cap at 80 blocks behind
     * gave 1.2e-3 of the rate away at q = 0.49), and the variance falls, since a trial's outcome is
     * its conditional expectation instead of 0 or 1 (Rao-Blackwell). DoubleSpendScenarioTest checks
     * both on the simulated path.
     */
    static double catchUp(double q, int deficit) {
        return Math.pow(q / (1 - q), deficit + 1);
    }

    public static Result run(Options o, LongConsumer trialsDone) {
        long started = System.nanoTime();
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.pruneHistory(); // memory flat in blocks: no reorg here reaches 200 blocks down
        if (sim.network().loss() > 0) {
            throw new IllegalArgumentException(LOSS_REFUSED);
        }
        List<SimNode> honest = new ArrayList<>();
        for (int i = 0; i < o.honestNodes(); i++) {
            honest.add(sim.addNode(8, 0));
        }
        sim.connectRandomly(honest, honest, 4);
        sim.randomLatency(o.latencyMs());
        double p = 1 - o.attackerShare();
        // nobody's peer: what it mines stays on its secret node until it publishes
        Attacker attacker = sim.addAttacker();
        SimNode secret = attacker.secret();
        boolean[] listening = {true}; // between attacks the attacker follows the public chain as it grows
        for (SimNode n : honest) {
            sim.addMiner(n, p / honest.size(), block -> {
                HashPower.submitTo(n).accept(block);
                if (listening[0]) {
                    feed(secret, n); // the block, and any parent of it found while the attacker raced
                }
            });
        }
        HashPower attackerMiner = sim.addMiner(secret, o.attackerShare(), HashPower.submitTo(secret));
        SimNode merchant = honest.get(0);
        // who pays: the genesis accounts A and B, then the honest miners, whose rewards fund trials without end
        List<Keys> payers = new ArrayList<>(List.of(Keys.demo("A"), Keys.demo("B")));
        honest.forEach(n -> payers.add(n.keys()));
        Address merchantAddress = Keys.demo("merchant").address();
        Address attackerAddress = secret.keys().address();

        sim.settle(30_000); // hellos: the peer graph is in place
        // Nothing is lost, so no timer is needed: blocks travel by announcement, and a node missing a
        // parent syncs at once with whoever sent it. With the timers stopped the network falls quiet
        // between trials, and no hello or periodic sync runs inside one.
        sim.timers(false);
        sim.quiesce();
        long reversed = 0;
        double tail = 0;
        double squares = 0; // of each trial's outcome, for the interval
        List<Trial> log = new ArrayList<>();
        int deficitLimit = o.followBehind();
        for (int t = 0; t < o.trials(); t++) {
            // Every trial starts from a quiet network (docs/SIMULATION.md, "Trials on one network"):
            // nothing in flight, no timer pending, every honest node on one tip, which the attacker has.
            joinPublicChain(sim, secret, honest, attackerMiner, t);
            int minedAtStart = sim.mined().size();
            listening[0] = true;
            Transaction[] spends = conflictingSpends(merchant, payers, merchantAddress, attackerAddress, t);
            Transaction pay = spends[0];
            Transaction steal = spends[1];
            try {
                secret.mempool().add(steal);
            } catch (RuleViolation e) {
                throw new IllegalStateException("trial " + t + ": the attacker's spend was refused: " + e.getMessage(), e);
            }
            preMine(sim, secret);
            listening[0] = false;
            int forkHeight = secret.queries().height() - 1;
            long paidAt = sim.scheduler().micros();
            try {
                merchant.network().serve(new TxAnnouncement(pay), Optional.empty());
            } catch (RuleViolation | org.powchain.wire.Refused e) {
                throw new IllegalStateException("trial " + t + ": the payment was refused: " + e.getMessage(), e);
            }
            boolean published = false;
            Boolean outcome = null;
            double chance = 0; // a trial ended behind: its chance to catch up
            while (outcome == null) {
                // look again whenever a block is found or reaches the merchant
                int minedBefore = sim.mined().size();
                BlockNode merchantTip = merchant.queries().tipNode();
                sim.scheduler().runUntil(() -> sim.mined().size() > minedBefore || merchant.queries().tipNode() != merchantTip);
                int confirmations = confirmations(merchant, pay.id(), forkHeight);
                // the public chain: the most work any honest node has, blocks still in flight included
                BlockNode honestTip = honest.stream().map(n -> n.queries().tipNode())
                        .max(java.util.Comparator.comparing(BlockNode::chainWork)).orElseThrow();
                BlockNode secretTip = secret.queries().tipNode();
                DoubleSpendRule.Move move = DoubleSpendRule.next(confirmations, o.confirmations(),
                        secretTip.chainWork().compareTo(honestTip.chainWork()) > 0,
                        (honestTip.height() - forkHeight) - (secretTip.height() - forkHeight), deficitLimit);
                if (!published && move == DoubleSpendRule.Move.PUBLISH) {
                    published = true;
                    attacker.publish(secret.queries().tipBlock(), honest);
                    sim.quiesce(); // the honest nodes fetch the branch and reorganise; no one mines meanwhile
                    outcome = merchant.queries().isOnMainChain(secretTip.hash()) && confirmations(merchant, pay.id(), forkHeight) == 0;
                } else if (move == DoubleSpendRule.Move.GIVE_UP) {
                    outcome = false;
                    chance = catchUp(o.attackerShare(), honestTip.height() - secretTip.height());
                }
            }
            long decidedAt = sim.scheduler().micros();
            sim.quiesce(); // blocks still in flight arrive; the next trial starts from a quiet network
            if (outcome) {
                reversed++;
            }
            tail += chance;
            squares += outcome ? 1 : chance * chance;
            log.add(new Trial(outcome, published, sim.mined().size() - minedAtStart,
                    NetworkScenario.round((decidedAt - paidAt) / 60e6), chance));
            trialsDone.accept(t + 1);
        }
        return result(o.attackerShare(), o.confirmations(), o.trials(), reversed, tail, squares, sim.mined().size(),
                NetworkScenario.round((System.nanoTime() - started) / 1e9), log, Simulation.mainChainBlocks(merchant));
    }

    /** What each payment of a trial pays: the outcome does not depend on it, only on which of the two is mined. */
    static final long PAYMENT = 1;

    /**
     * A payment to {@code merchant} and the attacker's spend of the same money to {@code attacker},
     * built from {@code view}'s pool in one state, so they claim the same (the payer's nonce, its
     * coins) and at most one of them can be mined, in either ledger model. The payer is the first of
     * {@code payers}, richest first at {@code view}'s tip, that can pay now (a UTXO coinbase must
     * mature first).
     */
    static Transaction[] conflictingSpends(SimNode view, List<Keys> payers, Address merchant, Address attacker, int trial) {
        List<Keys> richestFirst = new ArrayList<>(payers);
        richestFirst.sort(java.util.Comparator.comparingLong((Keys k) -> view.queries().balance(k.address())).reversed());
        for (Keys payer : richestFirst) {
            try {
                return new Transaction[] {view.mempool().policy().transfer(view.mempool(), payer, merchant, PAYMENT),
                        view.mempool().policy().transfer(view.mempool(), payer, attacker, PAYMENT)};
            } catch (RuleViolation cannotPay) {
                // an account cannot be short here (admission judges the balance); a UTXO payer may hold only immature coins
            }
        }
        throw new IllegalStateException("trial " + trial + ": no payer can pay " + PAYMENT + " now");
    }

    /**
     * Puts every node on one public tip before a trial. Two cases leave a quiet network without one:
     * two honest blocks found at about the same time at the end of the last trial (the honest nodes
     * are split between them, each keeping the one it saw first), and a trial given up at a tie (the
     * deficit 0 of {@code --follow-behind 0}), which leaves the attacker on a branch with as much
     * work as the public one: it would start the next trial a block ahead, and its node would judge
     * payments against its own branch. So the honest nodes mine on, a block at a time, until they
     * agree and lead, and the attacker follows them. No trial runs meanwhile, and mining is
     * memoryless, so nothing a trial measures changes.
     */
    static void joinPublicChain(Simulation sim, SimNode secret, List<SimNode> honest, HashPower attackerMiner, int trial) {
        for (int extra = 0; extra < 1_000; extra++) {
            Optional<SimNode> tipHolder = commonTip(honest);
            if (tipHolder.isPresent()) {
                feed(secret, tipHolder.get());
                if (secret.queries().tipNode().hash().equals(tipHolder.get().queries().tipNode().hash())) {
                    return;
                }
            }
            int before = sim.mined().size();
            sim.miners().stream().filter(m -> m != attackerMiner).forEach(HashPower::resume);
            sim.scheduler().runUntil(() -> sim.mined().size() > before);
            sim.quiesce();
        }
        throw new IllegalStateException("trial " + trial + ": the nodes found no common tip in 1,000 blocks");
    }

    /** A node whose tip every honest node is on, if they all are on one (the network must be quiet). */
    private static Optional<SimNode> commonTip(List<SimNode> honest) {
        Hash tip = honest.get(0).queries().tipNode().hash();
        return honest.stream().allMatch(n -> n.queries().tipNode().hash().equals(tip)) ? Optional.of(honest.get(0))
                : Optional.empty();
    }

    /**
     * The rate of {@code reversed + tail} in {@code trials}, its 99% interval, and the closed forms
     * at q and z. A trial's outcome lies in [0, 1]: 1 or 0, or the chance to catch up it was
     * stopped with. Such an outcome has at most the variance of a 0-or-1 one of the same mean,
     * μ(1 − μ), so Wilson's interval at n trials holds for it as it does for 0-or-1 trials (if
     * anything it is wide). An interval from the outcomes' own variance would be narrower, and is
     * not used: with a rate near 0 that variance is underestimated whenever no rare success came,
     * and such intervals held Rosenfeld's formula at only 95% of the points `bench calibrate` ran.
     */
    static Result result(double q, int z, int trials, long reversed, double tail, double sumSquares, long blocksMined,
                         double wallSeconds, List<Trial> log, List<Block> chain) {
        double successes = reversed + tail;
        double[] ci = interval99(trials, successes, sumSquares);
        return new Result(q, z, trials, NetworkScenario.round(successes), reversed, NetworkScenario.round(tail),
                NetworkScenario.round(successes / trials), NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]),
                NetworkScenario.round(Literature.nakamoto(q, z)), NetworkScenario.round(Literature.rosenfeld(q, z)), blocksMined,
                wallSeconds, log, chain, sumSquares);
    }

    /** Wilson's 99% interval for {@code successes} (outcomes in [0, 1], added up) in {@code trials}, {low, high}. */
    static double[] interval99(long trials, double successes, double sumSquares) {
        return Literature.wilson(successes, trials, Literature.Z99);
    }

    /**
     * Rosenfeld's (and Nakamoto's) attacker starts one block ahead: it mines a block carrying its
     * spend on top of the public tip, in secret, and pays the merchant only once it has one. It
     * hears of each public block as it is found, so when the public chain moves first its secret
     * chain moves too, and it starts again on the new tip.
     */
    static void preMine(Simulation sim, SimNode secret) {
        sim.miners().forEach(HashPower::resume);
        int minedBefore = sim.mined().size();
        sim.scheduler().runUntil(() -> sim.mined().size() > minedBefore
                && sim.mined().get(sim.mined().size() - 1).miner() == secret.index());
    }

    /**
     * How many blocks of {@code node}'s main chain carry {@code txid} or follow the one that does,
     * looking no lower than {@code aboveHeight}; 0 if none does.
     */
    static int confirmations(SimNode node, Hash txid, int aboveHeight) {
        for (BlockNode b = node.queries().tipNode(); b.height() > aboveHeight; b = b.parent()) {
            Block block = node.queries().block(b.hash()).orElseThrow();
            if (block.transactions().stream().anyMatch(tx -> tx.id().equals(txid))) {
                return node.queries().height() - b.height() + 1;
            }
        }
        return 0;
    }

    /** The attacker keeps up with the public chain between attacks (as a node listening to the network would). */
    static void feed(SimNode to, SimNode from) {
        List<Block> missing = new ArrayList<>();
        for (BlockNode b = from.queries().tipNode(); !to.queries().knows(b.hash()); b = b.parent()) {
            missing.add(0, from.queries().block(b.hash()).orElseThrow());
        }
        for (Block b : missing) {
            try {
                to.chain().process(b);
            } catch (RuleViolation v) {
                throw new IllegalStateException("a block of the public chain was refused: " + v.getMessage(), v);
            }
        }
    }

    // ---- powchain simulate double-spend: its flags and its report ----

    /** One attack setting: the attacker's share q and the merchant's confirmations z. */
    public record Point(double attackerShare, int confirmations) {}

    @Option(names = "--attacker-share", paramLabel = "Q", defaultValue = "0.3", description = "attacker's share of hashrate (default ${DEFAULT-VALUE})")
    double q;

    @Option(names = "--confirmations", paramLabel = "Z", defaultValue = "2", description = "blocks the merchant waits for (default ${DEFAULT-VALUE})")
    int z;

    @Option(names = "--trials", defaultValue = "200", description = "attacks to run (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--follow-behind", paramLabel = "D", defaultValue = "0", description = "once the merchant has its "
            + "confirmations, follow an attacker up to D blocks behind before ending the trial with its exact chance to catch "
            + "up, (q/p)^(d+1) at d behind; 0..80 (default ${DEFAULT-VALUE}: at once; a larger D simulates more of the race, with the same "
            + "expected rate)")
    int followBehind;

    @Option(names = "--honest-nodes", defaultValue = "2", description = "honest nodes; the outcome does not depend on "
            + "how many while blocks take far longer than propagation, and each is one more chain every block is "
            + "validated and connected in (default ${DEFAULT-VALUE})")
    int honestNodes;

    @Option(names = "--trials-per-network", paramLabel = "K", defaultValue = "100", description = "trials run one after "
            + "another on one network, each from a quiet network on the public tip (mining is memoryless, so they are "
            + "independent: docs/SIMULATION.md); a task is one such network (default ${DEFAULT-VALUE})")
    int trialsPerNetwork;

    @Option(names = "--sweep", description = "chart success against 1..Z confirmations for each share in --shares")
    boolean sweep;

    @Option(names = "--shares", split = ",", defaultValue = "0.1,0.25,0.4", description = "attacker shares for --sweep (default ${DEFAULT-VALUE})")
    List<Double> shares;

    public DoubleSpendScenario() {
        super("double-spend",
                "An attacker with a share of the hashrate mines a conflicting branch in secret and publishes it "
                        + "when it has more work; success is the merchant's payment reversed (docs/concepts/confirmations.md).");
    }

    @Override
    public List<Point> points() {
        if (trialsPerNetwork < 1) {
            throw new IllegalArgumentException("--trials-per-network must be >= 1: got " + trialsPerNetwork);
        }
        if (!sweep) {
            return List.of(new Point(q, z));
        }
        List<Point> points = new ArrayList<>();
        for (double s : shares) {
            for (int c = 1; c <= z; c++) {
                points.add(new Point(s, c));
            }
        }
        return points;
    }

    @Override
    protected void check(Point p, Settings s) {
        if (sweep && !(p.attackerShare() > 0 && p.attackerShare() < 0.5)) {
            throw new IllegalArgumentException("--shares must each be in (0, 0.5): got " + p.attackerShare()
                    + (p.attackerShare() >= 0.5 ? "; with half the hashrate or more the attacker catches up sooner or later, "
                    + "so success is certain (1) and a trial has no bound" : ""));
        }
        new Options(p.attackerShare(), p.confirmations(), trials, honestNodes, 600, 50, s.difficultyBits(), s.seed(), followBehind);
    }

    @Override
    protected int minTasksForAnInterval() {
        return 1;
    }

    /**
     * A task is a network of its own, with a seed of its own, on which {@code --trials-per-network}
     * trials run one after another (the last task of a point takes what is left of {@code --trials}).
     */
    @Override
    public int tasks(Point point) {
        return (int) Math.ceil((double) trials / trialsPerNetwork);
    }

    @Override
    public long unitsPerTask() {
        return trialsPerNetwork;
    }

    @Override
    public long units(Point point) {
        return trials;
    }

    /** The trials of task {@code task}: a full network's worth, or what is left of {@code --trials} for the last (tasks {@code --target-ci} adds are full). */
    int trialsOf(int task) {
        int left = trials - task * trialsPerNetwork;
        return left > 0 ? Math.min(trialsPerNetwork, left) : trialsPerNetwork;
    }

    @Override
    public Result run(Point p, Settings s, LongConsumer progress) {
        return run(p, 0, s, progress);
    }

    @Override
    public Result run(Point p, int task, Settings s, LongConsumer progress) {
        return run(new Options(p.attackerShare(), p.confirmations(), trialsOf(task), honestNodes, 600, 50, s.difficultyBits(),
                s.seed(), followBehind), progress);
    }

    /** The trials of a point together: successes counted, the rate and its Wilson interval computed again. */
    @Override
    public Result combine(Point p, List<Result> tasks) {
        List<Trial> log = new ArrayList<>();
        tasks.forEach(t -> log.addAll(t.trialLog()));
        return result(p.attackerShare(), p.confirmations(), tasks.stream().mapToInt(Result::trials).sum(),
                tasks.stream().mapToLong(Result::reversed).sum(), tasks.stream().mapToDouble(Result::tail).sum(),
                tasks.stream().mapToDouble(Result::sumSquares).sum(),
                tasks.stream().mapToLong(Result::blocksMined).sum(), tasks.stream().mapToDouble(Result::wallSeconds).sum(),
                log, tasks.get(tasks.size() - 1).finalChain());
    }

    @Override
    public java.util.OptionalDouble halfWidth(Result r) {
        return java.util.OptionalDouble.of((r.ci99High() - r.ci99Low()) / 2);
    }

    @Override
    public Report report(Settings s, List<Point> points, List<Result> results) {
        Report report = new Report("double-spend", parameters("attacker share", sweep ? shares : List.of(q),
                "confirmations", sweep ? "1.." + z : z, "trials", trials, "honest nodes", honestNodes,
                "block interval (s)", 600, "latency (ms)", 50, "follow behind", followBehind, "difficulty (bits)", s.difficultyBits(),
                "seed", s.seed()));
        List<String> cols = List.of("attackerShare", "confirmations", "trials", "successes", "successRate", "ci99", "nakamoto",
                "rosenfeld");
        report.addTable("double-spend", cols, rows(results.stream().map(Result::toJson).toList(), cols));
        List<List<Object>> trialRows = new ArrayList<>();
        for (Result r : results) {
            for (int i = 0; i < r.trialLog().size(); i++) {
                Trial t = r.trialLog().get(i);
                trialRows.add(List.of(r.attackerShare(), r.confirmations(), i, t.reversed(), t.published(), t.blocks(), t.minutes(),
                        t.catchUp()));
            }
        }
        report.addTable("trials", List.of("attackerShare", "confirmations", "trial", "reversed", "published", "blocks", "minutes",
                "catchUp"),
                trialRows);
        Chart.Builder chart = Chart.builder("success-vs-confirmations").title("Double-spend success against confirmations")
                .xLabel("confirmations z").yLabel("attacker's success").logY();
        List<Double> chartShares = sweep ? shares : List.of(q);
        for (int k = 0; k < chartShares.size(); k++) {
            double share = chartShares.get(k);
            List<Result> line = results.stream().filter(r -> r.attackerShare() == share).toList();
            int maxZ = Math.max(z, 1);
            double[] curveZ = new double[maxZ];
            double[] ros = new double[maxZ];
            double[] nak = new double[maxZ];
            for (int c = 1; c <= maxZ; c++) {
                curveZ[c - 1] = c;
                ros[c - 1] = Literature.rosenfeld(share, c);
                nak[c - 1] = Literature.nakamoto(share, c);
            }
            // one colour a share: its points with their 99% intervals, Rosenfeld solid, Nakamoto dashed
            List<Result> seen = line.stream().filter(r -> r.successRate() > 0).toList();
            chart.series(Series.markers("q=" + share + " simulated (99% interval)", seen.stream().mapToDouble(Result::confirmations).toArray(),
                    seen.stream().mapToDouble(Result::successRate).toArray())
                    .withErrorBars(seen.stream().mapToDouble(Result::ci99Low).toArray(), seen.stream().mapToDouble(Result::ci99High).toArray())
                    .withColour(k));
            // a rate of 0 has no place on a log axis: its interval's upper bound stands for it
            List<Result> none = line.stream().filter(r -> r.successRate() == 0).toList();
            if (!none.isEmpty()) {
                chart.series(Series.markers("q=" + share + " none seen: 99% upper bound", none.stream().mapToDouble(Result::confirmations)
                        .toArray(), none.stream().mapToDouble(Result::ci99High).toArray()).withColour(k));
            }
            chart.series(Series.line("q=" + share + " Rosenfeld (exact)", curveZ, ros).withColour(k));
            chart.series(Series.line("q=" + share + " Nakamoto", curveZ, nak).withColour(k).withDashes());
        }
        report.addChart(chart.build());
        report.setExplanation("Each point is the share of simulated attacks that reversed the merchant's payment, with its 99% "
                + "interval; one colour a share, Rosenfeld's exact formula solid, Nakamoto's approximation dashed. A trial ends "
                + "once the merchant has its confirmations and the attacker is behind, counting the attacker's exact chance to "
                + "catch up, (q/p)^(deficit + 1), instead of mining on (that chance is all that is left to decide). Rosenfeld (2012) is exact for this attack: while the honest "
                + "network finds z blocks the attacker finds a negative-binomial number, then must catch up, which it does with "
                + "probability (q/p)^deficit. Nakamoto's whitepaper (section 11) approximates the attacker's progress by a Poisson "
                + "law and is a little off for small z. As in both analyses the attacker has pre-mined one block before it pays. "
                + "Waiting longer makes success fall exponentially while q < 1/2: that is why merchants wait for confirmations.");
        return report;
    }
}
