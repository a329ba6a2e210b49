package org.powchain.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.powchain.chain.BlockNode;
import org.powchain.chain.ChainListener;
import org.powchain.chain.ChainQueries;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.mempool.Mempool;
import org.powchain.mining.Miner;

/**
 * What a node measures about itself, for Prometheus at {@code /metrics} (names in the README).
 * Gauges read the node's state when scraped; counters are fed by chain events. One registry per
 * node, so several nodes in one JVM (tests) keep their own figures.
 *
 * <p>The registry and the JVM binders take about a tenth of a node's start-up, so they are built
 * on another thread once the node answers ({@link #prepare}); what is counted before that waits in
 * a list and is counted when the registry is there, so no figure is lost (docs/PERFORMANCE.md).
 */
public final class NodeMetrics implements ChainListener {
    /** Peer states a gauge is kept for, so a state with no peer still reads 0. */
    public static final String[] PEER_STATES = {"new", "healthy", "backing-off", "banned"};

    private final ChainQueries chain;
    private final Mempool mempool;
    private final Miner miner;
    private final Supplier<Map<String, Integer>> peersByState;
    private final CompletableFuture<PrometheusMeterRegistry> registry = new CompletableFuture<>();
    /** Updates made before the registry was built; guarded by itself. */
    private final List<Consumer<MeterRegistry>> early = new ArrayList<>();
    private boolean building;

    NodeMetrics(ChainQueries chain, Mempool mempool, Miner miner, Supplier<Map<String, Integer>> peersByState) {
        this.chain = chain;
        this.mempool = mempool;
        this.miner = miner;
        this.peersByState = peersByState;
    }

    /** Starts building the registry on another thread, if not yet started. */
    public void prepare() {
        synchronized (early) {
            if (building) {
                return;
            }
            building = true;
        }
        CompletableFuture.runAsync(() -> {
            try {
                PrometheusMeterRegistry built = build();
                synchronized (early) {
                    early.forEach(update -> update.accept(built));
                    early.clear();
                    registry.complete(built);
                }
            } catch (RuntimeException | Error e) {
                registry.completeExceptionally(e);
            }
        });
    }

    /** Applies {@code update} now if the registry is built, else once it is. */
    private void record(Consumer<MeterRegistry> update) {
        PrometheusMeterRegistry r = registry.getNow(null);
        if (r == null) {
            synchronized (early) {
                r = registry.getNow(null);
                if (r == null) {
                    early.add(update);
                }
            }
            if (r == null) {
                prepare();
                return;
            }
        }
        update.accept(r);
    }

    private PrometheusMeterRegistry build() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Gauge.builder("powchain.chain.height", chain, ChainQueries::height)
                .description("height of the tip of the main chain").register(registry);
        Gauge.builder("powchain.chain.work", chain, c -> c.tipNode().chainWork().doubleValue())
                .description("cumulative work of the main chain: expected hashes to redo it").register(registry);
        Gauge.builder("powchain.chain.orphans", chain, c -> c.orphans().size())
                .description("blocks waiting for their parent").register(registry);
        FunctionCounter.builder("powchain.chain.reorgs", chain, ChainQueries::reorgCount)
                .description("times the tip moved to another branch").register(registry);
        Gauge.builder("powchain.chain.deepest.reorg", chain, ChainQueries::deepestReorg)
                .description("most blocks disconnected by one reorg").baseUnit("blocks").register(registry);

        Gauge.builder("powchain.mining.hashrate", miner, Miner::hashrate)
                .description("proof-of-work attempts per second, all mining threads").register(registry);
        FunctionCounter.builder("powchain.mining.blocks.mined", miner, Miner::blocksMined)
                .description("blocks this node mined").register(registry);

        Gauge.builder("powchain.mempool.transactions", mempool, Mempool::size)
                .description("transactions waiting to be mined").register(registry);
        Gauge.builder("powchain.mempool.size", mempool, m -> (double) m.bytes())
                .description("encoded size of the mempool's transactions").baseUnit("bytes").register(registry);

        for (String state : PEER_STATES) {
            Gauge.builder("powchain.peers", peersByState, p -> p.get().getOrDefault(state, 0))
                    .tag("state", state).description("known peers by state")
                    .strongReference(true) // nothing else holds the supplier; a weak one would read NaN
                    .register(registry);
        }

        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    @Override
    public void blockStored(Block block, BlockNode node) {
        record(registry -> Counter.builder("powchain.blocks.accepted").tag("result", "stored")
                .description("valid blocks stored (main chain or side branch)").register(registry).increment());
    }

    @Override
    public void blockRejected(Block block, RuleViolation violation) {
        record(registry -> Counter.builder("powchain.blocks.rejected").tag("reason", violation.rule().code())
                .description("blocks refused, by the rule they broke (unknown-parent: kept as orphans)")
                .register(registry).increment());
    }

    /** Records one HTTP request; {@code route} is the matched path template, so cardinality stays low. */
    public void httpRequest(String method, String route, int status, long nanos) {
        record(registry -> Timer.builder("powchain.http.requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).description("HTTP requests answered")
                .publishPercentileHistogram(false).register(registry).record(Duration.ofNanos(nanos)));
    }

    /** The Prometheus text exposition format. */
    public String scrape() {
        prepare();
        return registry.join().scrape();
    }
}
