package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.powchain.core.AccountState;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.AccountTransaction;
import org.powchain.p2p.TxAnnouncement;
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
 * honest nodes then switch to it (most work wins) and the payment is gone. The attacker gives up
 * when it falls so far behind that catching up is all but impossible.
 *
 * <p>The closed forms: Nakamoto 2008 §11 (an approximation: the attacker's progress as Poisson)
 * and Rosenfeld 2012 (exact: negative binomial). See docs/concepts/confirmations.md.
 */
public final class DoubleSpendScenario extends Scenario<DoubleSpendScenario.Point, DoubleSpendScenario.Result> {
    public record Options(double attackerShare, int confirmations, int trials, int honestNodes, double blockIntervalSeconds,
                          double latencyMs, int difficultyBits, long seed) {
        public Options {
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

    @JsonPropertyOrder({"attackerShare", "confirmations", "trials", "successes", "successRate", "ci99", "ci99Method", "nakamoto",
            "rosenfeld", "blocksMined", "wallSeconds"})
    public record Result(double attackerShare, int confirmations, int trials, long successes, double successRate,
                         @JsonIgnore double ci99Low, @JsonIgnore double ci99High, double nakamoto, double rosenfeld,
                         long blocksMined, double wallSeconds, @JsonIgnore List<Trial> trialLog, List<Block> finalChain)
            implements ScenarioResult {
        /** The success rate's 99% Wilson interval, low and high. */
        @JsonProperty("ci99")
        List<Double> ci99() {
            return List.of(ci99Low, ci99High);
        }

        @JsonProperty("ci99Method")
        String ci99Method() {
            return WILSON + ", each attack a trial";
        }
    }

    /**
     * One attack, as {@code trials.csv} lists it: whether the payment was reversed, whether the
     * attacker published at all, the blocks mined from the start of the pre-mine to the outcome, and
     * the virtual time from the payment to the outcome.
     */
    @JsonPropertyOrder({"reversed", "published", "blocks", "minutes"})
    public record Trial(boolean reversed, boolean published, int blocks, double minutes) {}

    /** Why double-spend (and eclipse) trials refuse --loss. */
    static final String LOSS_REFUSED = "--loss must be 0 for double-spend and eclipse: their trials start from a quiet network "
            + "(nothing in flight, every honest node on one tip), which a lossy network is not; use --loss with network, "
            + "selfish-mining, difficulty or partition";

    /**
     * The attacker stops when behind by this many blocks, or the cap: its chance to catch up from
     * there, (q/p)^(deficit + 1), is below 1e-4, so giving up lowers the success rate by less than
     * that, far inside the interval of any run this program can make (it was 1e-6: the trials that
     * fail spent half their blocks on those last 6 deficits).
     */
    static int giveUpDeficit(double q) {
        return (int) Math.min(80, Math.ceil(Math.log(1e-4) / Math.log(q / (1 - q))));
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
        sim.addMiner(secret, o.attackerShare(), HashPower.submitTo(secret));
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
        long successes = 0;
        List<Trial> log = new ArrayList<>();
        int deficitLimit = giveUpDeficit(o.attackerShare());
        for (int t = 0; t < o.trials(); t++) {
            // Every trial starts from a quiet network (docs/SIMULATION.md, "Trials on one network"):
            // nothing in flight, no timer pending, every honest node on one tip, which the attacker has.
            feed(secret, commonTip(honest, t));
            int minedAtStart = sim.mined().size();
            listening[0] = true;
            Keys payer = payers.stream().max(java.util.Comparator.comparingLong(k -> merchant.queries().account(k.address()).balance()))
                    .orElseThrow();
            long nonce = merchant.mempool().nextNonce(payer.address());
            AccountTransaction pay = AccountTransaction.signed(merchant.queries().networkId(), payer, merchantAddress, 1, 0, nonce);
            AccountTransaction steal = AccountTransaction.signed(merchant.queries().networkId(), payer, attackerAddress, 1, 0, nonce);
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
            } catch (RuleViolation | org.powchain.p2p.Refused e) {
                throw new IllegalStateException("trial " + t + ": the payment was refused: " + e.getMessage(), e);
            }
            boolean published = false;
            Boolean outcome = null;
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
                if (!published && confirmations >= o.confirmations()
                        && secretTip.chainWork().compareTo(honestTip.chainWork()) > 0) {
                    published = true;
                    attacker.publish(secret.queries().tipBlock(), honest);
                    sim.quiesce(); // the honest nodes fetch the branch and reorganise; no one mines meanwhile
                    outcome = merchant.queries().isOnMainChain(secretTip.hash()) && confirmations(merchant, pay.id(), forkHeight) == 0;
                } else if (confirmations >= o.confirmations()
                        && (honestTip.height() - forkHeight) - (secretTip.height() - forkHeight) >= deficitLimit) {
                    outcome = false;
                }
            }
            long decidedAt = sim.scheduler().micros();
            sim.quiesce(); // blocks still in flight arrive; the next trial starts from a quiet network
            if (outcome) {
                successes++;
            }
            log.add(new Trial(outcome, published, sim.mined().size() - minedAtStart,
                    NetworkScenario.round((decidedAt - paidAt) / 60e6)));
            trialsDone.accept(t + 1);
        }
        return result(o.attackerShare(), o.confirmations(), o.trials(), successes, sim.mined().size(),
                NetworkScenario.round((System.nanoTime() - started) / 1e9), log, Simulation.mainChainBlocks(merchant));
    }

    /** The node whose tip every honest node is on when the network is quiet; fails if they differ (the trial would not start fairly). */
    private static SimNode commonTip(List<SimNode> honest, int trial) {
        BlockNode tip = honest.get(0).queries().tipNode();
        for (SimNode n : honest) {
            if (n.queries().tipNode() != tip && !n.queries().tipNode().hash().equals(tip.hash())) {
                throw new IllegalStateException("trial " + trial + ": the honest nodes are on different tips while the network is"
                        + " quiet: " + tip + " and " + n.queries().tipNode());
            }
        }
        return honest.get(0);
    }

    /** The rate of {@code successes} in {@code trials}, its 99% Wilson interval, and the closed forms at q and z. */
    static Result result(double q, int z, int trials, long successes, long blocksMined, double wallSeconds, List<Trial> log,
                         List<Block> chain) {
        double[] ci = Literature.wilson(successes, trials, Literature.Z99);
        return new Result(q, z, trials, successes, NetworkScenario.round((double) successes / trials),
                NetworkScenario.round(ci[0]), NetworkScenario.round(ci[1]), NetworkScenario.round(Literature.nakamoto(q, z)),
                NetworkScenario.round(Literature.rosenfeld(q, z)), blocksMined, wallSeconds, log, chain);
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
                s.seed()), progress);
    }

    /** The trials of a point together: successes counted, the rate and its Wilson interval computed again. */
    @Override
    public Result combine(Point p, List<Result> tasks) {
        long successes = tasks.stream().mapToLong(Result::successes).sum();
        List<Trial> log = new ArrayList<>();
        tasks.forEach(t -> log.addAll(t.trialLog()));
        return result(p.attackerShare(), p.confirmations(), tasks.stream().mapToInt(Result::trials).sum(), successes,
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
                "block interval (s)", 600, "latency (ms)", 50, "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        List<String> cols = List.of("attackerShare", "confirmations", "trials", "successes", "successRate", "ci99", "nakamoto", "rosenfeld");
        report.addTable("double-spend", cols, rows(results.stream().map(Result::toJson).toList(), cols));
        List<List<Object>> trialRows = new ArrayList<>();
        for (Result r : results) {
            for (int i = 0; i < r.trialLog().size(); i++) {
                Trial t = r.trialLog().get(i);
                trialRows.add(List.of(r.attackerShare(), r.confirmations(), i, t.reversed(), t.published(), t.blocks(), t.minutes()));
            }
        }
        report.addTable("trials", List.of("attackerShare", "confirmations", "trial", "reversed", "published", "blocks", "minutes"),
                trialRows);
        Chart.Builder chart = Chart.builder("success-vs-confirmations").title("Double-spend success against confirmations")
                .xLabel("confirmations z").yLabel("attacker's success").logY();
        for (double share : sweep ? shares : List.of(q)) {
            List<Result> line = results.stream().filter(r -> r.attackerShare() == share).toList();
            double[] zs = line.stream().mapToDouble(Result::confirmations).toArray();
            int maxZ = Math.max(z, 1);
            double[] curveZ = new double[maxZ];
            double[] ros = new double[maxZ];
            double[] nak = new double[maxZ];
            for (int c = 1; c <= maxZ; c++) {
                curveZ[c - 1] = c;
                ros[c - 1] = Literature.rosenfeld(share, c);
                nak[c - 1] = Literature.nakamoto(share, c);
            }
            chart.series(Series.markers("simulated q=" + share, zs, line.stream().mapToDouble(Result::successRate).toArray())
                    .withErrorBars(line.stream().mapToDouble(Result::ci99Low).toArray(),
                            line.stream().mapToDouble(Result::ci99High).toArray()));
            chart.series(Series.line("Rosenfeld q=" + share, curveZ, ros));
            chart.series(Series.line("Nakamoto q=" + share, curveZ, nak));
        }
        report.addChart(chart.build());
        report.setExplanation("Each point is the share of simulated attacks that reversed the merchant's payment, with its 99% "
                + "Wilson interval; the lines are the closed forms. Rosenfeld (2012) is exact for this attack: while the honest "
                + "network finds z blocks the attacker finds a negative-binomial number, then must catch up, which it does with "
                + "probability (q/p)^deficit. Nakamoto's whitepaper (section 11) approximates the attacker's progress by a Poisson "
                + "law and is a little off for small z. As in both analyses the attacker has pre-mined one block before it pays. "
                + "Waiting longer makes success fall exponentially while q < 1/2: that is why merchants wait for confirmations.");
        return report;
    }
}
