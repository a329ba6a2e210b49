package org.powchain.sim;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How often the simulator's 99% intervals hold the truth, where a closed form gives it: every
 * point of a grid is run again and again with fresh seeds, each time exactly as {@code simulate}
 * runs it, and the share of intervals that hold the closed form is counted. For intervals that
 * mean what they say it is near 0.99; a share well below says they are too narrow, or the
 * simulation biased. Rosenfeld (2012) is the closed form for {@code double-spend}; Eyal and Sirer
 * (2014, at the γ the network realised) for {@code selfish-mining}.
 */
public final class Calibration {
    private Calibration() {}

    /** One interval that missed its closed form. */
    public record Miss(String point, int replicate, double estimate, double low, double high, double closedForm) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, replicate %d: %.6f in [%.6f, %.6f], closed form %.6f", point, replicate, estimate,
                    low, high, closedForm);
        }
    }

    /** A family's count: intervals made, intervals that held the closed form, and the misses. */
    public record Family(String name, String grid, int intervals, int covered, List<Miss> misses, double wallSeconds) {
        public double share() {
            return intervals == 0 ? 0 : (double) covered / intervals;
        }

        /** The share's own 95% Wilson interval: how precisely {@code intervals} intervals measure it. */
        public double[] shareCi95() {
            return Literature.wilson(covered, intervals, 1.96);
        }

        public String summary() {
            double[] ci = shareCi95();
            return String.format(Locale.ROOT, "%s: %d of %d 99%% intervals hold the closed form: %.1f%% (95%% interval %.1f%% to "
                    + "%.1f%%); %s; %.0f s", name, covered, intervals, 100 * share(), 100 * ci[0], 100 * ci[1], grid, wallSeconds);
        }
    }

    /** {@code replicates} runs of {@code double-spend --sweep} over {@code shares} and z = 1..maxZ, each point's Rosenfeld against its interval. */
    public static Family doubleSpend(int replicates, int trials, List<Double> shares, int maxZ, int difficulty, long seed,
                                     int workers, PrintStream log) {
        List<String> args = new ArrayList<>(List.of("--sweep", "--confirmations", String.valueOf(maxZ), "--trials",
                String.valueOf(trials), "--honest-nodes", "3", "--shares"));
        args.add(String.join(",", shares.stream().map(String::valueOf).toList()));
        return run("double-spend", new DoubleSpendScenario(), args, replicates, difficulty, seed, workers, log,
                DoubleSpendScenario.Result::successRate, DoubleSpendScenario.Result::ci99Low, DoubleSpendScenario.Result::ci99High,
                DoubleSpendScenario.Result::rosenfeld,
                String.format(Locale.ROOT, "q in %s, z = 1..%d, %d trials an interval, %d replicates", shares, maxZ, trials, replicates));
    }

    /** {@code replicates} runs of {@code selfish-mining --sweep} (α 0.1..0.45, γ 0, 0.5, 1), each point's Eyal–Sirer against its interval. */
    public static Family selfishMining(int replicates, int runs, int blocks, int honestNodes, int difficulty, long seed, int workers,
                                       PrintStream log) {
        return selfishMining(replicates, runs, blocks, honestNodes, difficulty, seed, workers, log, List.of());
    }

    /**
     * The same on the pool shares {@code poolShares} only (each with γ 0, 0.5, 1; empty: the sweep's seven), so
     * a share where intervals are suspect can be calibrated at a figure's size without the hours the whole grid takes.
     */
    public static Family selfishMining(int replicates, int runs, int blocks, int honestNodes, int difficulty, long seed, int workers,
                                       PrintStream log, List<Double> poolShares) {
        List<String> common = List.of("--runs", String.valueOf(runs), "--blocks", String.valueOf(blocks), "--honest-nodes",
                String.valueOf(honestNodes));
        String size = String.format(Locale.ROOT, "%d runs of %d blocks an interval, %d honest nodes, %d replicates", runs, blocks,
                honestNodes, replicates);
        if (poolShares.isEmpty()) {
            List<String> args = new ArrayList<>(common);
            args.add("--sweep");
            return selfish(args, replicates, difficulty, seed, workers, log, "alpha 0.1..0.45 x gamma 0, 0.5, 1, " + size);
        }
        Family all = null;
        int k = 0;
        for (double alpha : poolShares) {
            for (double gamma : new double[] {0, 0.5, 1}) {
                List<String> args = new ArrayList<>(common);
                args.addAll(List.of("--pool-share", String.valueOf(alpha), "--gamma", String.valueOf(gamma)));
                // each (α, γ) its own seeds, as a sweep's points have theirs
                Family f = selfish(args, replicates, difficulty, seed + 1_000_003L * ++k, workers, log, "");
                all = all == null ? f : new Family(f.name(), "", all.intervals() + f.intervals(), all.covered() + f.covered(),
                        concat(all.misses(), f.misses()), all.wallSeconds() + f.wallSeconds());
            }
        }
        return new Family(all.name(), "alpha " + poolShares + " x gamma 0, 0.5, 1, " + size, all.intervals(), all.covered(),
                all.misses(), all.wallSeconds());
    }

    private static Family selfish(List<String> args, int replicates, int difficulty, long seed, int workers, PrintStream log,
                                  String grid) {
        return run("selfish-mining", new SelfishMiningScenario(), args, replicates, difficulty, seed, workers, log,
                SelfishMiningScenario.Result::poolRevenueShare, SelfishMiningScenario.Result::ci99Low,
                SelfishMiningScenario.Result::ci99High, SelfishMiningScenario.Result::closedForm, grid);
    }

    private static List<Miss> concat(List<Miss> a, List<Miss> b) {
        List<Miss> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <P, R extends ScenarioResult> Family run(String name, Scenario<P, R> scenario, List<String> args, int replicates,
                                                            int difficulty, long seed, int workers, PrintStream log,
                                                            ToDoubleFunction<R> estimate, ToDoubleFunction<R> low,
                                                            ToDoubleFunction<R> high, ToDoubleFunction<R> closedForm, String grid) {
        if (replicates < 1) {
            throw new IllegalArgumentException("--replicates must be >= 1: got " + replicates);
        }
        new CommandLine(CommandSpec.forAnnotatedObject(scenario)).parseArgs(args.toArray(String[]::new));
        long started = System.nanoTime();
        List<P> points = scenario.points();
        int intervals = 0;
        int covered = 0;
        List<Miss> misses = new ArrayList<>();
        for (int r = 0; r < replicates; r++) {
            // each replicate a run of its own seed: its tasks' seeds mix it with (point, task), as simulate's do
            Scenario.Settings settings = new Scenario.Settings(difficulty, Simulation.mix(seed * 1_000_003L + r));
            scenario.checkOptions(settings, false);
            List<R> results = new ScenarioRunner<>(scenario, settings, workers).runAll(points, OptionalDouble.empty(), n -> { });
            for (int p = 0; p < points.size(); p++) {
                R res = results.get(p);
                double truth = closedForm.applyAsDouble(res);
                intervals++;
                // the closed form is rounded as results are: compare at that precision
                if (truth >= low.applyAsDouble(res) - 1e-6 && truth <= high.applyAsDouble(res) + 1e-6) {
                    covered++;
                } else {
                    misses.add(new Miss(points.get(p).toString(), r, estimate.applyAsDouble(res), low.applyAsDouble(res),
                            high.applyAsDouble(res), truth));
                }
            }
            log.printf(Locale.ROOT, "%s: replicate %d of %d: %d of %d intervals so far hold the closed form (%.0f s)%n", name, r + 1,
                    replicates, covered, intervals, (System.nanoTime() - started) / 1e9);
        }
        return new Family(name, grid, intervals, covered, misses, (System.nanoTime() - started) / 1e9);
    }
}
