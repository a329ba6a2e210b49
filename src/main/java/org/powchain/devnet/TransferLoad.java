package org.powchain.devnet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background transfers between demo accounts, each sent to a node drawn from the seed: paid by
 * {@code A}, {@code B} or a miner's own account (the accounts that have coins: a node that never
 * mined has none), to any of them or a node's account. A refused one (a miner's coins not yet
 * mature, or spent) is counted, not retried.
 */
final class TransferLoad {
    private static final Logger log = LoggerFactory.getLogger(TransferLoad.class);

    private final Object lock;
    private final NodeProcesses nodes;
    /** Each node's share of the hashrate: a node with a share mines, so its account has coins to send. */
    private final Supplier<List<Double>> shares;
    private final SplittableRandom random;
    private long sent;
    private long refused;
    private volatile boolean stopped;
    private volatile boolean paused;

    TransferLoad(Object lock, NodeProcesses nodes, Supplier<List<Double>> shares, long seed) {
        this.lock = lock;
        this.nodes = nodes;
        this.shares = shares;
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
            List<String> payers = new ArrayList<>(List.of("A", "B"));
            List<String> accounts = new ArrayList<>(payers);
            List<Double> share = shares.get();
            nodes.all().forEach(n -> {
                accounts.add(n.id());
                if (share.get(n.index()) > 0) {
                    payers.add(n.id());
                }
            });
            node = random.nextInt(nodes.size());
            String from = payers.get(random.nextInt(payers.size()));
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
