package org.powchain.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.powchain.consensus.ConsensusParams;
import org.powchain.chain.ChainManager;
import org.powchain.chain.SignatureVerifier;
import org.powchain.core.Block;
import org.powchain.core.AccountTransaction;
import org.powchain.store.ChainStore;
import org.powchain.store.MemoryStore;
import org.powchain.store.SqliteStore;

/**
 * What persistence costs (docs/PERFORMANCE.md, "Storage"): blocks per second connected to each
 * store, start-up time with many blocks stored, and bytes on disk per block. Signatures are
 * verified before timing starts, as a node's mempool does on admission, so the figures are about
 * validation without signatures, the ledger and the store. Printed, never asserted.
 */
public final class StoreBenchmark {
    private StoreBenchmark() {}

    /**
     * @param blocksPerSize how many blocks to connect for each block size
     * @param txsPerBlock   block sizes (transactions besides the coinbase)
     * @param startupBlocks chain lengths to time a start-up at
     */
    public static void run(int blocksPerSize, List<Integer> txsPerBlock, List<Integer> startupBlocks, PrintStream out)
            throws Exception {
        Path tmp = Files.createTempDirectory("powchain-bench-store");
        try {
            for (int txs : txsPerBlock) {
                connectRate(blocksPerSize, txs, tmp, out);
            }
            mempoolRate(blocksPerSize * 10, tmp, out);
            for (int n : startupBlocks) {
                startup(n, tmp, out);
            }
        } finally {
            delete(tmp);
        }
    }

    /** Blocks of {@code txs} transfers each, built in memory, then timed into each store. */
    private static void connectRate(int count, int txs, Path tmp, PrintStream out) throws Exception {
        Workload w = new Workload(Math.max(1, Math.min(txs, 1_000)));
        SignatureVerifier sigs = new SignatureVerifier(count * txs + 1);
        List<Block> blocks = w.blocks(count, txs, sigs);
        long bytes = blocks.stream().mapToLong(Block::sizeBytes).sum();
        out.printf("blocks of %,d tx(s) + coinbase (%,d bytes each), %,d blocks connected one by one:%n",
                txs, blocks.get(0).sizeBytes(), count);
        int n = 0;
        for (String name : new String[] {"memory", "sqlite NORMAL", "sqlite FULL"}) {
            Path dir = tmp.resolve("rate-" + txs + "-" + n++);
            Supplier<ChainStore> store = switch (name) {
                case "memory" -> MemoryStore::new;
                case "sqlite NORMAL" -> () -> SqliteStore.open(dir, SqliteStore.Sync.NORMAL, w.params.ledger());
                default -> () -> SqliteStore.open(dir, SqliteStore.Sync.FULL, w.params.ledger());
            };
            try (ChainStore s = store.get()) {
                ChainManager chain = ChainManager.open(w.params, s, sigs, () -> Long.MAX_VALUE / 4);
                long start = System.nanoTime();
                for (Block b : blocks) {
                    chain.process(b);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                out.printf("  %-14s %,8.0f blocks/s  (%,.0f tx/s, %.2f ms a block)%n", name, count / secs,
                        count * (double) txs / secs, secs * 1000 / count);
            }
            if (!name.equals("memory")) {
                out.printf("  %-14s data dir %,d bytes = %,.0f bytes a block (the block itself: %,.0f)%n", "",
                        size(dir), (double) size(dir) / (count + 1), (double) bytes / count);
            }
        }
    }

    /**
     * Acknowledged transactions saved as {@code addtx} saves them before it answers: one caller at a
     * time (each its own commit), then from 8 threads at once (group commit shares the commits).
     */
    private static void mempoolRate(int count, Path tmp, PrintStream out) throws Exception {
        Workload w = new Workload(8);
        List<AccountTransaction> txs = w.transfers(count, 0);
        out.printf("%,d transactions saved before acknowledging each:%n", count);
        for (SqliteStore.Sync sync : SqliteStore.Sync.values()) {
            for (int threads : new int[] {1, 8}) {
                try (SqliteStore s = SqliteStore.open(tmp.resolve("mempool-" + sync + "-" + threads), sync, ConsensusParams.defaults().ledger())) {
                    ExecutorService pool = Executors.newFixedThreadPool(threads);
                    long start = System.nanoTime();
                    List<Future<?>> saved = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int first = t;
                        saved.add(pool.submit(() -> {
                            for (int i = first; i < txs.size(); i += threads) {
                                s.mempool().add(txs.get(i));
                            }
                        }));
                    }
                    for (Future<?> f : saved) {
                        f.get();
                    }
                    double secs = (System.nanoTime() - start) / 1e9;
                    pool.shutdown();
                    out.printf("  sqlite %-6s %d thread(s) %,8.0f tx/s  (%.1f transactions a commit)%n", sync, threads,
                            count / secs, s.mempoolTransactionsPerCommit());
                }
            }
        }
    }

    /** A chain of {@code n} one-transfer blocks in a data dir, closed, then opened as a node opens it. */
    private static void startup(int n, Path tmp, PrintStream out) throws Exception {
        Workload w = new Workload(1_000);
        SignatureVerifier sigs = new SignatureVerifier(n + 1);
        Path dir = tmp.resolve("startup-" + n);
        try (SqliteStore s = SqliteStore.open(dir, w.params.ledger())) {
            ChainManager chain = ChainManager.open(w.params, s, sigs, () -> Long.MAX_VALUE / 4);
            for (Block b : w.blocks(n, 1, sigs)) {
                chain.process(b);
            }
        }
        for (int round = 0; round < 3; round++) { // the first round also loads classes and the SQLite library
            long start = System.nanoTime();
            try (SqliteStore s = SqliteStore.open(dir, w.params.ledger())) {
                long opened = System.nanoTime();
                ChainManager chain = ChainManager.open(w.params, s, new SignatureVerifier(1_000), () -> Long.MAX_VALUE / 4);
                long done = System.nanoTime();
                out.printf("start-up with %,d blocks stored (height %,d): %,.0f ms = store open and ledger checksum %,.0f ms"
                                + " + block tree, links and ledger checks %,.0f ms%n", n + 1, chain.queries().height(),
                        (done - start) / 1e6, (opened - start) / 1e6, (done - opened) / 1e6);
            }
        }
        out.printf("  data dir %,d bytes = %,.0f bytes a block; PRAGMA quick_check of it takes %,.0f ms%n",
                size(dir), (double) size(dir) / (n + 1), quickCheckMillis(dir));
    }

    private static double quickCheckMillis(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chain.db"));
             Statement s = c.createStatement()) {
            long start = System.nanoTime();
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                rs.next();
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("chain.db")).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes {@code dir} and everything in it. */
    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
