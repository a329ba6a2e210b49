package org.powchain.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.powchain.chain.BlockNode;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.Keys;
import org.powchain.core.Transaction;
import org.powchain.wire.TxAnnouncement;
import org.powchain.sim.report.Chart;
import org.powchain.sim.report.Chart.Series;
import org.powchain.sim.report.Report;
import picocli.CommandLine.Option;

/**
 * {@code powchain simulate eclipse}: a merchant whose every peer is the attacker's (Heilman et al.,
 * "Eclipse attacks on Bitcoin's peer-to-peer network", 2015, the N-confirmation double spend).
 * The victim hears only what the attacker relays: no honest block reaches it. The attacker pays
 * it, and spends the same coins on the honest network; it mines on the victim's branch with its
 * share q, and the victim, if it mines (share v), mines there too, so the victim counts
 * confirmations at the rate q + v whatever the honest network does. Once it has z it hands over
 * the goods. Then the attacker mines with the honest network instead and keeps the victim in the
 * dark until the honest chain (with the conflicting spend) has more work than the victim's branch;
 * only then does it show it to the victim, which reorganises: the payment is gone.
 *
 * <p>What the victim accepts as confirmed is a branch the rest of the network never saw: at any q,
 * however small, the attack succeeds; what q and v change is how long it takes. Closed forms, in a
 * network whose blocks take far longer than propagation (each block found is the attacker's or the
 * victim's with probability e = q + v, else honest):
 * <ul>
 *   <li>time to z confirmations: Erlang(z, e/T), mean z T / e (exact);</li>
 *   <li>honest blocks found meanwhile, H: negative binomial, P(H = h) = C(h + z - 1, h) e^z (1 - e)^h;
 *       the honest chain is already ahead when the victim accepts with probability P(H &gt; z) (exact);</li>
 *   <li>time until the victim drops the payment: the above, plus, when H &le; z, the victim's lead
 *       z - H + 1 to be overcome by the honest network (1 - v, the attacker now with it) against the
 *       victim's own mining (v): a biased random walk, (z - H + 1) T / (1 - 2v) in expectation (exact
 *       for v &lt; 1/2). With v = 0 the victim's branch stands still and the walk is a count of honest blocks.</li>
 * </ul>
 * The devnet's live eclipse attack compares against {@link Result}.
 */
public final class EclipseScenario extends Scenario<EclipseScenario.Point, EclipseScenario.Result> {
    public record Options(double attackerShare, double victimShare, int confirmations, int trials, int honestNodes,
                          double blockIntervalSeconds, double latencyMs, int difficultyBits, long seed) {
        public Options {
            if (!(attackerShare >= 0 && attackerShare < 1)) {
                throw new IllegalArgumentException("--attacker-share must be >= 0 and < 1: got " + attackerShare);
            }
            if (!(victimShare >= 0 && victimShare < 0.5)) {
                throw new IllegalArgumentException("--victim-share must be >= 0 and < 0.5: got " + victimShare
                        + " (with half the hashrate or more the victim's own branch could outgrow the honest chain)");
            }
            if (!(attackerShare + victimShare > 0) || !(attackerShare + victimShare < 1)) {
                throw new IllegalArgumentException("--attacker-share + --victim-share must be > 0 (someone mines the victim's "
                        + "branch) and < 1 (someone mines the honest chain): got " + (attackerShare + victimShare));
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
     * One attack: minutes from the payment to the victim's z-th confirmation, whether every block it
     * accepted then ended off the final main chain, whether the honest chain already had more work
     * when it accepted, and minutes from the payment until the victim dropped the payment.
     */
    @JsonPropertyOrder({"minutesToAccept", "acceptedOffMainChain", "honestAheadAtAccept", "minutesToReverse"})
    public record Trial(double minutesToAccept, boolean acceptedOffMainChain, boolean honestAheadAtAccept,
                        double minutesToReverse) {}

    /** A mean with its 99% interval (normal: mean ± 2.5758 standard errors) and the closed form's value. */
    @JsonPropertyOrder({"mean", "ci99", "closedForm"})
    public record Estimate(double mean, List<Double> ci99, double closedForm) {
        static Estimate of(double[] xs, double closedForm) {
            int n = xs.length;
            double mean = java.util.Arrays.stream(xs).average().orElse(0);
            double var = n < 2 ? 0 : java.util.Arrays.stream(xs).map(x -> (x - mean) * (x - mean)).sum() / (n - 1);
            double half = Literature.Z99 * Math.sqrt(var / n);
            return new Estimate(NetworkScenario.round(mean), List.of(NetworkScenario.round(mean - half),
                    NetworkScenario.round(mean + half)), NetworkScenario.round(closedForm));
        }

        /** Whether the closed form lies inside the interval. */
        public boolean holdsClosedForm() {
            return closedForm >= ci99.get(0) && closedForm <= ci99.get(1);
        }
    }

    /**
     * A point's outcome, what the live devnet attack compares against.
     *
     * @param acceptedOffMainChain  the share of attacks in which all z blocks the victim accepted ended off the final main chain (the
     *                              victim was shown nothing else: 1), with its Wilson interval
     * @param honestAheadAtAccept   the share in which the honest chain already had more work when the victim accepted, against P(H &gt; z)
     * @param minutesToAccept       minutes from the payment to the victim's z-th confirmation, against z T / (q + v)
     * @param minutesToReverse      minutes from the payment until the victim's main chain dropped it, against the walk's expectation
     */
    @JsonPropertyOrder({"attackerShare", "victimShare", "confirmations", "trials", "acceptedOffMainChain",
            "acceptedOffMainChainCi99", "honestAheadAtAccept", "honestAheadAtAcceptCi99", "honestAheadAtAcceptClosedForm",
            "minutesToAccept", "minutesToReverse", "closedFormMethod", "blocksMined"})
    public record Result(double attackerShare, double victimShare, int confirmations, int trials, double acceptedOffMainChain,
                         List<Double> acceptedOffMainChainCi99, double honestAheadAtAccept, List<Double> honestAheadAtAcceptCi99,
                         double honestAheadAtAcceptClosedForm, Estimate minutesToAccept, Estimate minutesToReverse,
                         long blocksMined, double wallSeconds, @JsonIgnore List<Trial> trialLog, List<Block> finalChain)
            implements ScenarioResult {
        public String closedFormMethod() {
            return "Erlang(z, (q + v)/T) for the time to accept; negative binomial for the honest blocks meanwhile; a biased "
                    + "random walk (1 - v against v) for the rest of the time to reverse; T = 600 s";
        }
    }

    public static Result run(Options o, LongConsumer trialsDone) {
        long started = System.nanoTime();
        Simulation sim = new Simulation(Simulation.pinned(o.difficultyBits()), o.seed(), o.blockIntervalSeconds() * 1_000);
        sim.pruneHistory();
        if (sim.network().loss() > 0) {
            throw new IllegalArgumentException(DoubleSpendScenario.LOSS_REFUSED);
        }
        List<SimNode> honest = new ArrayList<>();
        for (int i = 0; i < o.honestNodes(); i++) {
            honest.add(sim.addNode(8, 0));
        }
        sim.connectRandomly(honest, honest, 4);
        SimNode victim = sim.addNode(8, 0);
        Attacker attacker = sim.addAttacker();
        SimNode secret = attacker.secret();
        victim.network().addPeer(sim.network().address(attacker.face().index())); // its only peer: the eclipse
        sim.randomLatency(o.latencyMs());
        double q = o.attackerShare();
        double v = o.victimShare();
        double h = 1 - q - v;
        boolean[] eclipsing = {false};
        List<HashPower> honestMiners = new ArrayList<>();
        for (SimNode n : honest) {
            honestMiners.add(sim.addMiner(n, h / honest.size(), HashPower.submitTo(n)));
        }
        sim.addMiner(victim, v, block -> {
            HashPower.submitTo(victim).accept(block);
            if (eclipsing[0]) {
                attacker.hear(block); // its only peer is the attacker, who builds on it
            }
        });
        HashPower attackerMiner = sim.addMiner(secret, q, block -> {
            HashPower.submitTo(secret).accept(block);
            attacker.publish(block, List.of(victim)); // to the victim alone
        });
        Address victimAddress = Keys.demo("victim-merchant").address();
        Address attackerAddress = secret.keys().address();
        List<Keys> payers = new ArrayList<>(List.of(Keys.demo("A"), Keys.demo("B"))); // and the honest miners' rewards
        honest.forEach(n -> payers.add(n.keys()));

        sim.settle(30_000); // hellos
        sim.timers(false);
        sim.quiesce();
        List<Trial> log = new ArrayList<>();
        for (int t = 0; t < o.trials(); t++) {
            // the trial starts on the public tip, which the victim and the attacker share: then the eclipse begins
            SimNode tipHolder = honest.stream().max(java.util.Comparator.comparing(n -> n.queries().tipNode().chainWork()))
                    .orElseThrow();
            DoubleSpendScenario.feed(victim, tipHolder);
            DoubleSpendScenario.feed(secret, tipHolder);
            BlockNode fork = tipHolder.queries().tipNode();
            int forkHeight = fork.height();
            Transaction[] spends = DoubleSpendScenario.conflictingSpends(tipHolder, payers, victimAddress, attackerAddress, t);
            Transaction pay = spends[0];
            Transaction steal = spends[1];
            eclipsing[0] = true;
            try {
                secret.mempool().add(pay);
                victim.network().serve(new TxAnnouncement(pay), Optional.empty());
                honest.get(0).network().serve(new TxAnnouncement(steal), Optional.empty());
            } catch (RuleViolation | org.powchain.wire.Refused e) {
                throw new IllegalStateException("trial " + t + ": a spend was refused: " + e.getMessage(), e);
            }
            long paidAt = sim.scheduler().micros();
            int minedAtStart = sim.mined().size();
            sim.miners().forEach(HashPower::resume);
            sim.scheduler().runUntil(() -> DoubleSpendScenario.confirmations(victim, pay.id(), forkHeight) >= o.confirmations());
            long acceptedAt = sim.scheduler().micros();
            BlockNode accepted = victim.queries().tipNode();
            BlockNode honestTip = tipHolder(honest).queries().tipNode();
            boolean honestAhead = honestTip.chainWork().compareTo(accepted.chainWork()) > 0;
            // the goods are handed over: the attacker mines with the honest network and waits for it to lead
            attackerMiner.pause();
            honestMiners.forEach(m -> m.setShare(m.share() + q / honest.size()));
            sim.scheduler().runUntil(() -> tipHolder(honest).queries().tipNode().chainWork()
                    .compareTo(victim.queries().tipNode().chainWork()) > 0);
            eclipsing[0] = false;
            DoubleSpendScenario.feed(victim, tipHolder(honest)); // shown the honest chain at last, it reorganises
            if (DoubleSpendScenario.confirmations(victim, pay.id(), forkHeight) != 0) {
                throw new IllegalStateException("trial " + t + ": the victim kept the payment after seeing a chain with more work");
            }
            long reversedAt = sim.scheduler().micros();
            sim.quiesce();
            honestMiners.forEach(m -> m.setShare(m.share() - q / honest.size()));
            attackerMiner.resume();
            sim.miners().forEach(HashPower::pause);
            boolean offMain = true;
            for (BlockNode b = accepted; b.height() > forkHeight; b = b.parent()) {
                offMain &= !honest.get(0).queries().isOnMainChain(b.hash());
            }
            log.add(new Trial(NetworkScenario.round((acceptedAt - paidAt) / 60e6), offMain, honestAhead,
                    NetworkScenario.round((reversedAt - paidAt) / 60e6)));
            if (sim.mined().size() == minedAtStart) {
                throw new IllegalStateException("trial " + t + ": no block was mined");
            }
            trialsDone.accept(t + 1);
        }
        return result(o, log, sim.mined().size(), NetworkScenario.round((System.nanoTime() - started) / 1e9),
                Simulation.mainChainBlocks(honest.get(0)));
    }

    private static SimNode tipHolder(List<SimNode> honest) {
        return honest.stream().max(java.util.Comparator.comparing(n -> n.queries().tipNode().chainWork())).orElseThrow();
    }

    static Result result(Options o, List<Trial> log, long blocksMined, double wallSeconds, List<Block> chain) {
        return result(o.attackerShare(), o.victimShare(), o.confirmations(), o.blockIntervalSeconds(), log, blocksMined,
                wallSeconds, chain);
    }

    static Result result(double q, double v, int z, double blockSeconds, List<Trial> log, long blocksMined, double wallSeconds,
                         List<Block> chain) {
        int n = log.size();
        long off = log.stream().filter(Trial::acceptedOffMainChain).count();
        long ahead = log.stream().filter(Trial::honestAheadAtAccept).count();
        double minutes = blockSeconds / 60;
        return new Result(q, v, z, n, NetworkScenario.round((double) off / n), ScenarioResult.wilson99(off, n),
                NetworkScenario.round((double) ahead / n), ScenarioResult.wilson99(ahead, n),
                NetworkScenario.round(honestAheadAtAccept(q + v, z)),
                Estimate.of(log.stream().mapToDouble(Trial::minutesToAccept).toArray(), z * minutes / (q + v)),
                Estimate.of(log.stream().mapToDouble(Trial::minutesToReverse).toArray(), blocksToReverse(q, v, z) * minutes),
                blocksMined, wallSeconds, log, chain);
    }

    /** P(H = h): honest blocks found before the z-th block of the victim's branch, each block being the branch's with probability e. */
    static double negativeBinomial(double e, int z, int h) {
        double logC = 0;
        for (int i = 1; i <= h; i++) {
            logC += Math.log(h + z - i) - Math.log(i);
        }
        return Math.exp(logC + z * Math.log(e) + h * Math.log1p(-e));
    }

    /** P(H &gt; z): the honest chain has more work than the victim's branch when it accepts. */
    static double honestAheadAtAccept(double e, int z) {
        double atMost = 0;
        for (int h = 0; h <= z; h++) {
            atMost += negativeBinomial(e, z, h);
        }
        return Math.max(0, 1 - atMost);
    }

    /**
     * Expected block intervals T from the payment until the victim drops it: z / e to accept, then,
     * with the victim's branch ahead by z - H, a walk of the honest network (1 - v) against the
     * victim (v) until the honest chain leads by one: (z - H + 1) / (1 - 2v) intervals.
     */
    static double blocksToReverse(double q, double v, int z) {
        double e = q + v;
        double walk = 0;
        for (int h = 0; h <= z; h++) {
            walk += negativeBinomial(e, z, h) * (z - h + 1) / (1 - 2 * v);
        }
        return z / e + walk;
    }

    // ---- powchain simulate eclipse: its flags and its report ----

    /** One setting: the attacker's share q, the victim's v, and the confirmations z it waits for. */
    public record Point(double attackerShare, double victimShare, int confirmations) {}

    @Option(names = "--attacker-share", paramLabel = "Q", defaultValue = "0.1", description = "attacker's share of hashrate, "
            + "all of it mining the victim's branch until it accepts (default ${DEFAULT-VALUE})")
    double q;

    @Option(names = "--victim-share", paramLabel = "V", defaultValue = "0.1", description = "the victim's own share of "
            + "hashrate, which mines on what the attacker shows it; 0 for a merchant that does not mine (default ${DEFAULT-VALUE})")
    double v;

    @Option(names = "--confirmations", paramLabel = "Z", defaultValue = "6", description = "blocks the victim waits for (default ${DEFAULT-VALUE})")
    int z;

    @Option(names = "--trials", defaultValue = "200", description = "attacks to run (default ${DEFAULT-VALUE})")
    int trials;

    @Option(names = "--trials-per-network", paramLabel = "K", defaultValue = "100", description = "attacks run one after "
            + "another on one network, each from a quiet network (default ${DEFAULT-VALUE})")
    int trialsPerNetwork;

    @Option(names = "--sweep", description = "chart the time to accept and to reverse against --shares, the attacker's share")
    boolean sweep;

    @Option(names = "--shares", split = ",", defaultValue = "0.05,0.1,0.2,0.3", description = "attacker shares for --sweep (default ${DEFAULT-VALUE})")
    List<Double> shares;

    public EclipseScenario() {
        super("eclipse", "A merchant whose every peer is the attacker's accepts a branch nobody else sees; the double spend "
                + "against it succeeds at any hashrate, in a time the closed forms give (EclipseScenario's comment).");
    }

    @Override
    public List<Point> points() {
        if (trialsPerNetwork < 1) {
            throw new IllegalArgumentException("--trials-per-network must be >= 1: got " + trialsPerNetwork);
        }
        List<Point> points = new ArrayList<>();
        for (double s : sweep ? shares : List.of(q)) {
            new Options(s, v, z, trials, 2, 600, 50, 8, 1); // checks every option before anything runs
            points.add(new Point(s, v, z));
        }
        return points;
    }

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

    @Override
    public Result run(Point p, Settings s, LongConsumer progress) {
        return run(p, 0, s, progress);
    }

    @Override
    public Result run(Point p, int task, Settings s, LongConsumer progress) {
        int left = trials - task * trialsPerNetwork;
        int k = left > 0 ? Math.min(trialsPerNetwork, left) : trialsPerNetwork;
        return run(new Options(p.attackerShare(), p.victimShare(), p.confirmations(), k, 2, 600, 50, s.difficultyBits(), s.seed()),
                progress);
    }

    @Override
    public Result combine(Point p, List<Result> tasks) {
        List<Trial> log = new ArrayList<>();
        tasks.forEach(t -> log.addAll(t.trialLog()));
        return result(p.attackerShare(), p.victimShare(), p.confirmations(), 600, log,
                tasks.stream().mapToLong(Result::blocksMined).sum(), tasks.stream().mapToDouble(Result::wallSeconds).sum(),
                tasks.get(tasks.size() - 1).finalChain());
    }

    /** --target-ci narrows the share whose closed form is exact and discrete: the honest chain ahead at acceptance. */
    @Override
    public java.util.OptionalDouble halfWidth(Result r) {
        return java.util.OptionalDouble.of((r.honestAheadAtAcceptCi99().get(1) - r.honestAheadAtAcceptCi99().get(0)) / 2);
    }

    @Override
    public Report report(Settings s, List<Point> points, List<Result> results) {
        Report report = new Report("eclipse", parameters("attacker share", sweep ? shares : List.of(q), "victim share", v,
                "confirmations", z, "trials", trials, "honest nodes", 2, "block interval (s)", 600, "latency (ms)", 50,
                "difficulty (bits)", s.difficultyBits(), "seed", s.seed()));
        List<String> cols = List.of("attackerShare", "victimShare", "confirmations", "trials", "acceptedOffMainChain",
                "honestAheadAtAccept", "honestAheadAtAcceptClosedForm", "minutesToAccept", "minutesToReverse");
        report.addTable("eclipse", cols, rows(results.stream().map(Result::toJson).toList(), cols));
        List<List<Object>> trialRows = new ArrayList<>();
        for (Result r : results) {
            for (int i = 0; i < r.trialLog().size(); i++) {
                Trial t = r.trialLog().get(i);
                trialRows.add(List.of(r.attackerShare(), r.victimShare(), r.confirmations(), i, t.minutesToAccept(),
                        t.acceptedOffMainChain(), t.honestAheadAtAccept(), t.minutesToReverse()));
            }
        }
        report.addTable("trials", List.of("attackerShare", "victimShare", "confirmations", "trial", "minutesToAccept",
                "acceptedOffMainChain", "honestAheadAtAccept", "minutesToReverse"), trialRows);
        double[] x = results.stream().mapToDouble(Result::attackerShare).toArray();
        double[] grid = new double[50];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = x[0] + (x[x.length - 1] - x[0]) * i / (grid.length - 1.0);
        }
        double minutes = 600 / 60.0;
        report.addChart(Chart.builder("eclipse-time").title("Time until an eclipsed merchant is fooled, and robbed")
                .xLabel("attacker's share of hashrate q (victim's: " + v + ")").yLabel("minutes after the payment")
                .series(Series.markers("accepted (simulated)", x, results.stream().mapToDouble(r -> r.minutesToAccept().mean()).toArray())
                        .withErrorBars(results.stream().mapToDouble(r -> r.minutesToAccept().ci99().get(0)).toArray(),
                                results.stream().mapToDouble(r -> r.minutesToAccept().ci99().get(1)).toArray()))
                .series(Series.line("accepted: z T / (q + v)", grid,
                        java.util.Arrays.stream(grid).map(g -> z * minutes / (g + v)).toArray()))
                .series(Series.markers("reversed (simulated)", x, results.stream().mapToDouble(r -> r.minutesToReverse().mean()).toArray())
                        .withErrorBars(results.stream().mapToDouble(r -> r.minutesToReverse().ci99().get(0)).toArray(),
                                results.stream().mapToDouble(r -> r.minutesToReverse().ci99().get(1)).toArray()))
                .series(Series.line("reversed: closed form", grid,
                        java.util.Arrays.stream(grid).map(g -> blocksToReverse(g, v, z) * minutes).toArray()))
                .build());
        report.setExplanation("The victim's only peers are the attacker's, so it sees no honest block. The attacker pays it and "
                + "spends the same coins on the honest network, then mines on the victim's branch; the victim, if it mines, "
                + "mines there too. It counts confirmations at the rate of q + v however small that is, accepts after z, and "
                + "every block it accepted ends off the main chain. The attacker then mines with the honest network and shows "
                + "the victim the honest chain once it has more work: the payment is reversed. So confirmations protect a "
                + "merchant only if it hears the whole network; the times follow Erlang's law (to accept) and a random walk (to "
                + "reverse), drawn as lines.");
        return report;
    }
}
