package org.powchain.devnet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hashing power, modelled as the simulator models it: when the next block comes (exponential,
 * the block interval on average) and which miner finds it (by share) are drawn from the seed, and
 * that node is asked to mine one block, which it does for real at the pinned difficulty. So
 * shares are exact on a 2-core laptop, and a run repeats from its seed. The scheduled block is
 * mined under the devnet's lock, so no operation sees a half-mined network.
 */
final class MinerSchedule {
    private static final Logger log = LoggerFactory.getLogger(MinerSchedule.class);

    private final Object lock;
    private final NodeProcesses nodes;
    private final List<Double> shares;
    private final double blockInterval;
    private final SplittableRandom random;
    private final ScheduledExecutorService background;
    private final Events events;
    private long blocksMined;
    /** Set while an attack drives the mining itself: the schedule then mines nothing. */
    private volatile boolean paused;
    private volatile boolean stopped;

    MinerSchedule(Object lock, NodeProcesses nodes, DevnetSpec spec, ScheduledExecutorService background, Events events) {
        this.lock = lock;
        this.nodes = nodes;
        this.shares = new ArrayList<>(spec.shares());
        this.blockInterval = spec.blockInterval();
        this.random = new SplittableRandom(spec.seed());
        this.background = background;
        this.events = events;
    }

    List<Double> shares() {
        return List.copyOf(shares);
    }

    long blocksMined() {
        return blocksMined;
    }

    /** Asks node {@code i} to mine {@code k} blocks now, one after another; answers their hashes. */
    List<String> mine(int i, int k) throws IOException {
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("blocks must be 1..1000");
        }
        DevnetNode n = nodes.up(i);
        List<String> hashes = new ArrayList<>();
        for (int b = 0; b < k; b++) {
            var block = LocalHttp.getOk(n.port(), "/mine");
            hashes.add(block.path("hash").asText());
            blocksMined++;
            events.add("block", n.id() + " found block " + block.path("height").asLong() + " "
                    + Events.shortHash(block.path("hash").asText()));
        }
        return hashes;
    }

    /** Sets node {@code i}'s share of the hashrate; the other miners' shares are scaled so all sum to 1. */
    List<Double> share(int i, double share) {
        nodes.node(i);
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a share is between 0 and 1, not " + share);
        }
        double others = 0;
        for (int j = 0; j < shares.size(); j++) {
            others += j == i ? 0 : shares.get(j);
        }
        for (int j = 0; j < shares.size(); j++) {
            if (j == i) {
                shares.set(j, share);
            } else if (others > 0) {
                shares.set(j, shares.get(j) * (1 - share) / others);
            }
        }
        return List.copyOf(shares);
    }

    /** Sets every share at once (an imported devnet's); they sum to 1 or are all 0. */
    void setShares(List<Double> s) {
        if (s.size() != shares.size()) {
            throw new IllegalArgumentException("one share per node: " + shares.size() + " nodes, " + s.size() + " shares");
        }
        for (int j = 0; j < s.size(); j++) {
            shares.set(j, s.get(j));
        }
    }

    void pause(boolean p) {
        paused = p;
    }

    void start() {
        scheduleNext();
    }

    void stop() {
        stopped = true;
    }

    private void scheduleNext() {
        if (blockInterval <= 0 || stopped) {
            return;
        }
        double seconds = -Math.log(1 - random.nextDouble()) * blockInterval;
        background.schedule(this::mineScheduled, Math.round(seconds * 1e6), TimeUnit.MICROSECONDS);
    }

    private void mineScheduled() {
        try {
            synchronized (lock) {
                int miner = pick();
                if (miner >= 0 && !stopped && !paused && nodes.all().get(miner).alive()) {
                    mine(miner, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("scheduled block not mined: {}", e.getMessage());
        } finally {
            scheduleNext();
        }
    }

    /** A miner drawn by share (from the seeded random, whether or not it is up), or -1 with no miners. */
    private int pick() {
        double total = shares.stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) {
            return -1;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < shares.size(); i++) {
            x -= shares.get(i);
            if (x < 0) {
                return i;
            }
        }
        return shares.size() - 1;
    }
}
