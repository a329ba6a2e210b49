package org.powchain.devnet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background transfers between demo accounts ({@code A}, {@code B} and the nodes' own), each sent
 * to a node drawn from the seed. A refused one (an account without the coins) is counted, not retried.
 */
final class TransferLoad {
    private static final Logger log = LoggerFactory.getLogger(TransferLoad.class);

    private final Object lock;
    private final NodeProcesses nodes;
    private final SplittableRandom random;
    private long sent;
    private long refused;
    private volatile boolean stopped;
    private volatile boolean paused;

    TransferLoad(Object lock, NodeProcesses nodes, long seed) {
        this.lock = lock;
        this.nodes = nodes;
        this.random = new SplittableRandom(seed ^ 0x5eed_0f_7a_5L);
    }

    long sent() {
        return sent;
    }

    long refused() {
        return refused;
    }

    /** While an attack runs: its payments must be the only ones from A. */
    void pause(boolean p) {
        paused = p;
    }

    void stop() {
        stopped = true;
    }

    /** One transfer; the HTTP call is made outside the lock. */
    void sendOne() {
        int node;
        String query;
        synchronized (lock) {
            if (stopped || paused) {
                return;
            }
            List<String> accounts = new ArrayList<>(List.of("A", "B"));
            nodes.all().forEach(n -> accounts.add(n.id()));
            node = random.nextInt(nodes.size());
            String from = accounts.get(random.nextInt(accounts.size()));
            String to = accounts.get(random.nextInt(accounts.size()));
            query = "/addtx?sender=" + from + "&to=" + to + "&amount=" + (1 + random.nextInt(10));
            if (!nodes.all().get(node).alive() || from.equals(to)) {
                return;
            }
        }
        try {
            boolean ok = LocalHttp.get(nodes.all().get(node).port(), query).ok();
            synchronized (lock) {
                sent++;
                refused += ok ? 0 : 1;
            }
        } catch (IOException e) {
            log.debug("transfer not sent: {}", e.getMessage());
        }
    }
}
