package org.powchain.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Runs a scenario's tasks (every trial, or every point of a sweep) on {@code workers} threads, or
 * one shard's slice of them. Each task is a simulation of its own, single-threaded, seeded by
 * {@link #seed(long, int, int)} from the run's seed and its place (point, task): so a run gives
 * the same bytes on 1 worker or 8, and N shards merged give the same as one run.
 *
 * <p>Threads: the caller's thread plans and combines; the pool's threads each run one task at a
 * time and share nothing but the progress counter.
 */
public final class ScenarioRunner<P, R extends ScenarioResult> {
    /** One task's place in the run and what it gave. */
    public record TaskResult<R>(int point, int task, R result) {}

    /** The most trials {@code --target-ci} adds to a point. */
    static final int MAX_TASKS = 10_000_000;

    private final Scenario<P, R> scenario;
    private final Scenario.Settings settings;
    private final int workers;

    public ScenarioRunner(Scenario<P, R> scenario, Scenario.Settings settings, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1: " + workers);
        }
        this.scenario = scenario;
        this.settings = settings;
        this.workers = workers;
    }

    /** Task {@code task} of point {@code point}'s seed: the run's seed mixed with both, so no two tasks share one. */
    public static long seed(long runSeed, int point, int task) {
        return Simulation.mix(Simulation.mix(Simulation.mix(runSeed) + point) + task);
    }

    /** Every task of every point, in order. */
    public List<int[]> tasks(List<P> points) {
        List<int[]> all = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            for (int t = 0; t < scenario.tasks(points.get(p)); t++) {
                all.add(new int[] {p, t});
            }
        }
        return all;
    }

    /** The tasks shard {@code shard} of {@code shards} runs: every {@code shards}-th, so a sweep's points spread evenly. */
    public List<int[]> slice(List<P> points, int shard, int shards) {
        List<int[]> all = tasks(points);
        List<int[]> mine = new ArrayList<>();
        for (int i = shard; i < all.size(); i += shards) {
            mine.add(all.get(i));
        }
        return mine;
    }

    /** Runs {@code tasks}, {@code workers} at a time; {@code progress} is told every unit done, from any thread. */
    public List<TaskResult<R>> run(List<P> points, List<int[]> tasks, LongConsumer progress) {
        if (workers == 1 || tasks.size() <= 1) {
            List<TaskResult<R>> out = new ArrayList<>();
            for (int[] t : tasks) {
                out.add(runOne(points, t, progress));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, tasks.size()), r -> {
            Thread th = new Thread(r, "sim-worker");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<TaskResult<R>>> futures = new ArrayList<>();
            for (int[] t : tasks) {
                futures.add(pool.submit(() -> runOne(points, t, progress)));
            }
            List<TaskResult<R>> out = new ArrayList<>();
            for (Future<TaskResult<R>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // a bad option, as the one-worker run would throw it
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private TaskResult<R> runOne(List<P> points, int[] t, LongConsumer progress) {
        long[] last = {0};
        Scenario.Settings mine = new Scenario.Settings(settings.difficultyBits(), seed(settings.seed(), t[0], t[1]),
                settings.conditions());
        R r = settings.conditions().during(() -> scenario.run(points.get(t[0]), t[1], mine, n -> {
            progress.accept(n - last[0]);
            last[0] = n;
        }));
        return new TaskResult<>(t[0], t[1], r);
    }

    /** Each point's result from its tasks' (which may come in any order, from several shards); fails if one is missing. */
    public List<R> combine(List<P> points, List<TaskResult<R>> results) {
        List<List<TaskResult<R>>> byPoint = new ArrayList<>();
        points.forEach(p -> byPoint.add(new ArrayList<>()));
        results.forEach(r -> byPoint.get(r.point()).add(r));
        List<R> out = new ArrayList<>();
        for (int p = 0; p < points.size(); p++) {
            List<TaskResult<R>> mine = byPoint.get(p);
            mine.sort((a, b) -> Integer.compare(a.task(), b.task()));
            for (int t = 0; t < mine.size(); t++) {
                if (mine.get(t).task() != t) {
                    throw new IllegalArgumentException("point " + p + " lacks task " + t + " (or has it twice)");
                }
            }
            if (mine.isEmpty()) {
                throw new IllegalArgumentException("point " + p + " has no results");
            }
            out.add(scenario.combine(points.get(p), mine.stream().map(TaskResult::result).toList()));
        }
        return out;
    }

    /**
     * Runs every task, then, while a point's 99% interval is wider than {@code targetHalfWidth}
     * (if given), more of its trials: as many as the rate seen so far says are needed, at least
     * half again as many. The added trials' seeds follow on, so the outcome depends on the
     * target, never on the workers.
     */
    public List<R> runAll(List<P> points, OptionalDouble targetHalfWidth, LongConsumer progress) {
        return runAll(points, targetHalfWidth, progress, new ArrayList<>());
    }

    /** {@link #runAll(List, OptionalDouble, LongConsumer)}, adding every task's result to {@code results} as well. */
    public List<R> runAll(List<P> points, OptionalDouble targetHalfWidth, LongConsumer progress, List<TaskResult<R>> results) {
        return runAll(points, targetHalfWidth, progress, results, r -> { });
    }

    /**
     * {@link #runAll(List, OptionalDouble, LongConsumer, List)}, telling {@code afterRound} every
     * task's result so far after each round of {@code --target-ci} (a long run can keep what it has
     * done, and be stopped without losing it).
     */
    public List<R> runAll(List<P> points, OptionalDouble targetHalfWidth, LongConsumer progress, List<TaskResult<R>> results,
                          java.util.function.Consumer<List<TaskResult<R>>> afterRound) {
        results.addAll(run(points, tasks(points), progress));
        List<R> combined = combine(points, results);
        if (targetHalfWidth.isEmpty()) {
            return combined;
        }
        double w = targetHalfWidth.getAsDouble();
        while (true) {
            List<int[]> more = new ArrayList<>();
            int[] done = new int[points.size()];
            results.forEach(r -> done[r.point()]++);
            for (int p = 0; p < points.size(); p++) {
                R r = combined.get(p);
                OptionalDouble half = scenario.halfWidth(r);
                if (half.isEmpty()) {
                    throw new IllegalArgumentException("--target-ci: " + scenario.name()
                            + " runs each point once; it has no trials to add");
                }
                if (half.getAsDouble() >= w && done[p] < MAX_TASKS) {
                    // at least half again as many, at most 4 times as many a round (an estimate from few runs is rough)
                    int next = (int) Math.min(Math.min(MAX_TASKS, 4L * done[p]),
                            Math.max(Math.ceil(done[p] * 1.5), neededTrials(r, done[p], w)));
                    for (int t = done[p]; t < next; t++) {
                        more.add(new int[] {p, t});
                    }
                }
            }
            if (more.isEmpty()) {
                return combined;
            }
            afterRound.accept(results);
            results.addAll(run(points, more, progress));
            combined = combine(points, results);
        }
    }

    /** Trials for a half-width {@code w} at the rate seen so far (the normal approximation: z² p(1 - p) / w²). */
    private long neededTrials(R r, int done, double w) {
        double half = scenario.halfWidth(r).orElseThrow();
        // the rate's spread from the interval itself, so this holds for any scenario with trials
        double ratio = half / w;
        if (scenario.minTasksForAnInterval() == 2 && done >= 2) {
            // an interval from runs is t(0.995, runs - 1) standard errors wide: with more runs, t falls toward 2.576
            ratio *= Literature.Z99 / RunsInterval.t995(done - 1);
        }
        return (long) Math.ceil(done * ratio * ratio);
    }

    /** The results in the order a one-worker run makes them (for writing partials). */
    public static <R> List<TaskResult<R>> sorted(List<TaskResult<R>> results) {
        List<TaskResult<R>> out = new ArrayList<>(results);
        out.sort((a, b) -> a.point() != b.point() ? Integer.compare(a.point(), b.point()) : Integer.compare(a.task(), b.task()));
        return Collections.unmodifiableList(out);
    }
}
