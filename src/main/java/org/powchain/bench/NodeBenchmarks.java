package org.powchain.bench;

import org.powchain.core.WallClock;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.consensus.RuleViolation;
import org.powchain.core.Block;
import org.powchain.core.AccountTransaction;
import org.powchain.mempool.Mempool;

/**
 * Figures for what a node does besides hashing: signature verification, mempool admission, and
 * validating + connecting big blocks. Printed, never asserted (docs/PERFORMANCE.md).
 */
public final class NodeBenchmarks {
    private NodeBenchmarks() {}

    /** Transactions admitted to the mempool per second, on 1 thread and on {@code threads}. */
    public static void admission(int count, int threads, PrintStream out) throws Exception {
        int senders = 1_000;
        Workload w = new Workload(senders);
        out.printf("tx admission: %,d signed transfers from %,d senders%n", count, senders);
        for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
            List<AccountTransaction> txs = w.transfers(count, 0);
            ChainManager chain = w.newChain();
            Mempool mempool = new Mempool(chain.queries(), new SignatureVerifier(1_000_000), count + 1);
            // Each thread admits whole senders, so nonces arrive in order.
            ExecutorService pool = Executors.newFixedThreadPool(t);
            long start = System.nanoTime();
            List<Future<Integer>> parts = new java.util.ArrayList<>();
            for (int p = 0; p < t; p++) {
                int part = p;
                int threadsNow = t;
                parts.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < txs.size(); i++) {
                        if ((i % senders) % threadsNow == part) {
                            mempool.add(txs.get(i));
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int admitted = 0;
            for (Future<Integer> f : parts) {
                admitted += f.get();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            out.printf("  %d thread(s): %,d admitted in %.2f s = %,.0f tx/s%n", t, admitted, secs, admitted / secs);
        }
    }

    /** Validating and connecting one block of {@code txCount} transactions, signatures not yet seen (cold) and seen on admission (warm). */
    public static void block(int txCount, PrintStream out) throws RuleViolation {
        Workload w = new Workload(Math.min(txCount, 1_000));
        List<AccountTransaction> txs = w.transfers(txCount, 0);
        for (String mode : new String[] {"cold", "warm"}) {
            ChainManager chain = w.newChain();
            SignatureVerifier sigs = new SignatureVerifier(1_000_000);
            if (mode.equals("warm")) {
                chain = ChainManager.open(w.params, new org.powchain.store.MemoryStore(), sigs, () -> Long.MAX_VALUE / 4);
                Mempool mempool = new Mempool(chain.queries(), sigs, txCount + 1);
                for (AccountTransaction t : txs) {
                    mempool.add(t);
                }
            }
            Block block = Workload.blockOn(chain, txs, WallClock.millis());
            long start = System.nanoTime();
            chain.process(block);
            double ms = (System.nanoTime() - start) / 1e6;
            out.printf("block of %,d txs (%,d bytes), signatures %s: validated and connected in %.0f ms%n",
                    txCount, block.sizeBytes(), mode.equals("cold") ? "verified in the block (parallel)" : "already verified on admission",
                    ms);
        }
    }
}
