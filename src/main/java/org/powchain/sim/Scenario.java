package org.powchain.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.LongConsumer;
import org.powchain.core.Block;
import org.powchain.sim.report.Report;

/**
 * One experiment of {@code powchain simulate NAME}, whole: the flags it takes (picocli
 * {@code @Option} fields on the subclass), the runs they ask for (one per point of a sweep), and
 * the report that says what came out (tables, charts, and the prose beside the science). The CLI
 * reads {@link Scenarios#all()} and knows no scenario by name.
 *
 * <p>Adding a scenario: one subclass, its test, its page in docs/concepts, and a line in
 * {@link Scenarios}.
 *
 * @param <P> one point of the run: what varies from one run of a sweep to the next
 * @param <R> one run's result
 */
public abstract class Scenario<P, R extends ScenarioResult> {
    /** Every result goes to JSON through this mapper: the fields in the order each record declares. */
    public static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

    /**
     * What every scenario takes besides its own flags: the bits blocks are mined at, the run's seed,
     * and the network's conditions ({@code --latency-matrix}, {@code --loss}), which every
     * {@link Simulation} of a task takes (see {@link NetworkConditions}).
     */
    public record Settings(int difficultyBits, long seed, NetworkConditions conditions) {
        public Settings(int difficultyBits, long seed) {
            this(difficultyBits, seed, NetworkConditions.NONE);
        }
    }

    /** The one point of a scenario that runs once: it has no sweep. */
    public enum Single { RUN }

    private final String name;
    private final String description;

    /**
     * @param name        the name after {@code powchain simulate}
     * @param description what {@code --help} says the scenario shows, and where its concept page is
     */
    protected Scenario(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public final String name() {
        return name;
    }

    public final String description() {
        return description;
    }

    /** The runs the flags ask for, in order (several for a sweep). */
    public abstract List<P> points();

    /**
     * How many independent tasks a point is made of: its trials, each a simulation of its own, or
     * 1 for a point that is one run. Each task has its own seed (see {@link ScenarioRunner}).
     */
    public int tasks(P point) {
        return 1;
    }

    /**
     * Refuses the flags before any work starts: for each point, whatever its run would refuse,
     * naming the flag and the range it allows; and a point of no task, or of too few for the
     * interval {@code targetCi} asks for.
     */
    public final void checkOptions(Settings settings, boolean targetCi) {
        List<P> points = points();
        if (points.isEmpty()) {
            throw new IllegalArgumentException(name + ": the options give no point to run");
        }
        if (targetCi && minTasksForAnInterval() == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--target-ci: " + name + " runs each point once; it has no trials or runs to add");
        }
        for (P p : points) {
            check(p, settings);
            int tasks = tasks(p);
            if (tasks < 1) {
                throw new IllegalArgumentException(countFlag() + " must be >= 1: got " + tasks);
            }
            if (targetCi && tasks < minTasksForAnInterval()) {
                throw new IllegalArgumentException("--target-ci needs " + countFlag() + " >= " + minTasksForAnInterval()
                        + ": the interval comes from the spread of the runs; got " + tasks);
            }
        }
    }

    /** One point's flags, checked as its run would: throws IllegalArgumentException naming the flag and its range. */
    protected void check(P point, Settings settings) {
    }

    /** The flag that says how many tasks a point is made of. */
    protected String countFlag() {
        return minTasksForAnInterval() == 1 ? "--trials" : "--runs";
    }

    /** The fewest tasks whose spread gives an interval: 1 for trials of 0 or 1, 2 for runs, none for a scenario without. */
    protected int minTasksForAnInterval() {
        return Integer.MAX_VALUE;
    }

    /** How many units (blocks, trials) one task runs: the progress bar counts them. */
    public abstract long unitsPerTask();

    /** Runs one task of a point; {@code settings} carries the task's own seed; {@code progress} is told the units done. */
    public abstract R run(P point, Settings settings, LongConsumer progress);

    /**
     * Runs task {@code task} of a point: what the runner calls. A scenario whose tasks differ in
     * size (the last of a point's batches of trials) overrides it; the others need not.
     */
    public R run(P point, int task, Settings settings, LongConsumer progress) {
        return run(point, settings, progress);
    }

    /** The units (blocks, trials) a point's tasks run in all, for the progress bar. */
    public long units(P point) {
        return tasks(point) * unitsPerTask();
    }

    /** One point's result from its tasks' results, in task order. */
    public R combine(P point, List<R> tasks) {
        if (tasks.size() != 1) {
            throw new IllegalStateException(name + " runs each point once, not in " + tasks.size() + " tasks");
        }
        return tasks.get(0);
    }

    /**
     * The half-width of a point's 99% interval, for {@code --target-ci}: empty for a scenario whose
     * points are single runs, which more tasks cannot make more precise.
     */
    public OptionalDouble halfWidth(R combined) {
        return OptionalDouble.empty();
    }

    /** The tables, charts and explanation of a whole run, {@code results} in the order of {@link #points()}. */
    public abstract Report report(Settings settings, List<P> points, List<R> results);

    /** What {@code --json} prints: the one result, or {@code {"sweep": [...]}}. */
    public Object json(List<P> points, List<R> results) {
        return results.size() == 1 ? results.get(0) : Map.of("sweep", results);
    }

    /** What {@code --export-chain} writes: the last run's final main chain. */
    public List<Block> chain(List<R> results) {
        return results.get(results.size() - 1).finalChain();
    }

    /** {@code key, value, key, value...} in that order: a report's parameters. */
    protected static Map<String, Object> parameters(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Each result's {@code columns} as text: a report table's rows. */
    protected static List<List<Object>> rows(List<? extends Map<String, Object>> results, List<String> columns) {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : results) {
            rows.add(columns.stream().map(c -> (Object) String.valueOf(r.get(c))).toList());
        }
        return rows;
    }

    protected static double[] doubles(List<? extends Number> values) {
        return values.stream().mapToDouble(Number::doubleValue).toArray();
    }
}
