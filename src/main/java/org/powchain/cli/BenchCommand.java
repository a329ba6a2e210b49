package org.powchain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.powchain.bench.HttpBenchmark;
import org.powchain.bench.LedgerModelsBenchmark;
import org.powchain.bench.LightBenchmark;
import org.powchain.bench.LoadGenerator;
import org.powchain.bench.MiningBenchmark;
import org.powchain.bench.NodeBenchmarks;
import org.powchain.bench.ReadersBenchmark;
import org.powchain.bench.RelayBenchmark;
import org.powchain.bench.SimulationBenchmark;
import org.powchain.bench.SyncBenchmark;
import org.powchain.bench.StoreBenchmark;
import org.powchain.mining.NonceSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code powchain bench ...}: measured figures for docs/PERFORMANCE.md. Prints, never asserts. */
@Command(name = "bench", description = "Measure what a node costs; prints figures (see docs/PERFORMANCE.md).",
        mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Mining.class, BenchCommand.Admission.class, BenchCommand.BlockValidation.class, BenchCommand.Http.class, BenchCommand.Readers.class,
                BenchCommand.Sync.class, BenchCommand.Relay.class, BenchCommand.Store.class, BenchCommand.Light.class,
                BenchCommand.Simulate.class, BenchCommand.Startup.class, BenchCommand.LedgerModels.class,
                BenchCommand.Calibrate.class})
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("choose one: powchain bench mining | admission | block | ledgers | http | readers | sync | relay | store | light | simulate | calibrate | startup"
                + "   (--help on each)");
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Command(name = "mining", mixinStandardHelpOptions = true,
            description = "Proof-of-work attempts per second, per thread and in total.")
    static final class Mining implements Callable<Integer> {
        @Option(names = "--threads", description = "search threads (default: all cores)")
        Integer threads;

        @Option(names = "--seconds", defaultValue = "10", description = "measured seconds, after a 1 s warm-up (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--hasher", defaultValue = "DEFAULT",
                description = "DEFAULT (what the miner uses), MESSAGE_DIGEST or PURE_JAVA (default ${DEFAULT-VALUE})")
        NonceSearch.Hasher hasher;

        @Override
        public Integer call() {
            MiningBenchmark.run(threads == null ? cores() : threads, seconds, System.out, hasher);
            return 0;
        }
    }

    @Command(name = "admission", mixinStandardHelpOptions = true,
            description = "Transactions admitted to the mempool per second (signature + rules).")
    static final class Admission implements Callable<Integer> {
        @Option(names = "--txs", defaultValue = "20000", description = "transactions (default ${DEFAULT-VALUE})")
        int txs;

        @Option(names = "--threads", description = "admitting threads (default: all cores)")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            NodeBenchmarks.admission(txs, threads == null ? cores() : threads, System.out);
            return 0;
        }
    }

    @Command(name = "block", mixinStandardHelpOptions = true,
            description = "Validate and connect one block of N transactions.")
    static final class BlockValidation implements Callable<Integer> {
        @Option(names = "--txs", split = ",", defaultValue = "1000,5000", description = "block sizes (default ${DEFAULT-VALUE})")
        List<Integer> txs;

        @Override
        public Integer call() throws Exception {
            for (int n : txs) {
                NodeBenchmarks.block(n, System.out);
            }
            return 0;
        }
    }

    @Command(name = "ledgers", mixinStandardHelpOptions = true,
            description = {"The account and UTXO models side by side, in one run: their rules alone; admissions over HTTP"
                    + " to a real node of each (pre-signed transfers POSTed to /api/v1/transactions); a block received as"
                    + " from a peer; the state on disk after many blocks of transfers. Prints a table (docs/PERFORMANCE.md)."})
    static final class LedgerModels implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--senders", defaultValue = "1000", description = "keys paying each other, each the next (default ${DEFAULT-VALUE})")
        int senders;

        @Option(names = "--rules-txs", defaultValue = "5000", description = "transfers checked and applied by the rules alone (default ${DEFAULT-VALUE})")
        int rulesTxs;

        @Option(names = "--http-txs", defaultValue = "20000",
                description = "transfers POSTed over HTTP and timed, after a quarter as many as warm-up (default ${DEFAULT-VALUE})")
        int httpTxs;

        @Option(names = "--clients", defaultValue = "16", description = "HTTP client threads (default ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--block-txs", defaultValue = "5000", description = "transfers in the block received as from a peer (default ${DEFAULT-VALUE})")
        int blockTxs;

        @Option(names = "--state-blocks", defaultValue = "10000",
                description = "blocks connected before the state on disk is measured (default ${DEFAULT-VALUE})")
        int stateBlocks;

        @Option(names = "--state-txs", defaultValue = "10", description = "transfers in each of those blocks (default ${DEFAULT-VALUE})")
        int stateTxs;

        @Override
        public Integer call() throws Exception {
            LedgerModelsBenchmark.Sizes sizes;
            try {
                sizes = new LedgerModelsBenchmark.Sizes(senders, rulesTxs, httpTxs, clients, blockTxs, stateBlocks, stateTxs);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
            // the nodes' INFO lines would fall between the figures; put back after, for whoever runs this in-process
            ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                    org.slf4j.Logger.ROOT_LOGGER_NAME);
            ch.qos.logback.classic.Level level = root.getLevel();
            root.setLevel(ch.qos.logback.classic.Level.WARN);
            try {
                LedgerModelsBenchmark.run(sizes, spec.commandLine().getOut());
            } finally {
                root.setLevel(level);
            }
            return 0;
        }
    }

    @Command(name = "http", mixinStandardHelpOptions = true,
            description = {"addtx and getbalance throughput over HTTP, at several chain lengths, and their ratio.",
                    "--load wrk drives the node with wrk in its own process instead of the JDK client in this JVM"
                            + " (needs wrk on PATH: apt-get install wrk)."})
    static final class Http implements Callable<Integer> {
        @Option(names = "--requests", defaultValue = "20000",
                description = "requests per measurement, JDK client (default ${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--clients", defaultValue = "16",
                description = "concurrent clients: threads of the JDK client, connections of wrk (default ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--blocks", split = ",", defaultValue = "10,10000", description = "chain lengths (default ${DEFAULT-VALUE})")
        List<Integer> blocks;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "keep the node's chain in DIR (SQLite), as a real node does (default: in memory)")
        java.nio.file.Path dataDir;

        @Option(names = "--load", defaultValue = "JDK", paramLabel = "JDK|WRK", converter = LoadConverter.class,
                description = "load generator: jdk (HttpClient in this JVM) or wrk (its own process) (default ${DEFAULT-VALUE})")
        HttpBenchmark.Load load;

        @Option(names = "--seconds", defaultValue = "5",
                description = "seconds per measurement with --load wrk (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--warm-up", defaultValue = "15", paramLabel = "SECONDS",
                description = "seconds of wrk on each route before measuring: on a loaded 2-core host the JIT was"
                        + " still compiling after 5 (default ${DEFAULT-VALUE})")
        int warmUp;

        @Override
        public Integer call() throws Exception {
            LoadGenerator generator;
            if (load == HttpBenchmark.Load.WRK) {
                try {
                    generator = HttpBenchmark.wrk(cores(), clients, seconds, warmUp);
                } catch (IllegalStateException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            } else {
                generator = HttpBenchmark.jdkClient(requests, clients);
            }
            HttpBenchmark.run(generator, blocks, java.util.Optional.ofNullable(dataDir), System.out);
            return 0;
        }
    }

    @Command(name = "readers", mixinStandardHelpOptions = true,
            description = "getbalance throughput on an idle node, then while it connects a stream of large blocks.")
    static final class Readers implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "40", description = "blocks in each stream (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--txs", defaultValue = "1000", description = "transfers per block (default ${DEFAULT-VALUE})")
        int txs;

        @Option(names = "--clients", defaultValue = "8", description = "concurrent clients (default ${DEFAULT-VALUE})")
        int clients;

        @Option(names = "--seconds", defaultValue = "5",
                description = "seconds per idle measurement, after four times as long warming up (default ${DEFAULT-VALUE})")
        int seconds;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "where the node keeps its chain (default: a temp dir)")
        java.nio.file.Path dataDir;

        @Override
        public Integer call() throws Exception {
            java.nio.file.Path dir = dataDir != null ? dataDir : java.nio.file.Files.createTempDirectory("powchain-bench-readers");
            ReadersBenchmark.run(blocks, txs, clients, seconds, dir, System.out);
            return 0;
        }
    }

    /** --load jdk and --load wrk, in either case. */
    static final class LoadConverter implements picocli.CommandLine.ITypeConverter<HttpBenchmark.Load> {
        @Override
        public HttpBenchmark.Load convert(String value) {
            try {
                return HttpBenchmark.Load.valueOf(value.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "': choose jdk or wrk");
            }
        }
    }

    @Command(name = "store", mixinStandardHelpOptions = true,
            description = "Blocks/s connected to each store, start-up time with many blocks stored,"
            + " and bytes on disk per block.")
    static final class Store implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "200", description = "blocks connected per block size (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--txs", split = ",", defaultValue = "1,1000", description = "transfers per block (default ${DEFAULT-VALUE})")
        List<Integer> txs;

        @Option(names = "--startup", split = ",", defaultValue = "2000,10000",
                description = "chain lengths to time a start-up at (default ${DEFAULT-VALUE})")
        List<Integer> startup;

        @Override
        public Integer call() throws Exception {
            StoreBenchmark.run(blocks, txs, startup, System.out);
            return 0;
        }
    }

    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "A fresh node catching up with a peer that holds N blocks, over HTTP.")
    static final class Sync implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "10000", description = "blocks to sync (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--txs", defaultValue = "0", description = "transactions per block besides the coinbase (default ${DEFAULT-VALUE})")
        int txs;

        @Override
        public Integer call() throws Exception {
            SyncBenchmark.run(blocks, txs, System.out);
            return 0;
        }
    }

    @Command(name = "relay", mixinStandardHelpOptions = true,
            description = "How long a mined block takes to reach two other nodes, over HTTP.")
    static final class Relay implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "50", description = "blocks to mine and time (default ${DEFAULT-VALUE})")
        int blocks;

        @Override
        public Integer call() throws Exception {
            RelayBenchmark.run(blocks, System.out);
            return 0;
        }
    }

    @Command(name = "light", mixinStandardHelpOptions = true, description = "A light client's header sync from a local node (headers checked and written).")
    static final class Light implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "100000", description = "headers to sync (default ${DEFAULT-VALUE})")
        int blocks;

        @Override
        public Integer call() throws Exception {
            LightBenchmark.run(blocks, System.out);
            return 0;
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "How often the simulator's 99%% intervals hold the closed form: double-spend against Rosenfeld over "
            + "q and z, selfish mining against Eyal and Sirer over alpha and gamma, each point run --replicates times with "
            + "fresh seeds as `simulate` runs it. Near 99%% means the intervals mean what they say (docs/SIMULATION.md).")
    static final class Calibrate implements Callable<Integer> {
        @Option(names = "--replicates", defaultValue = "6", description = "times each point is run, each with its own seed "
                + "(default ${DEFAULT-VALUE})")
        int replicates;

        @Option(names = "--trials", defaultValue = "300", description = "double-spend trials an interval (default ${DEFAULT-VALUE})")
        int trials;

        @Option(names = "--shares", split = ",", defaultValue = "0.1,0.2,0.3,0.4,0.45",
                description = "double-spend attacker shares (default ${DEFAULT-VALUE})")
        List<Double> shares;

        @Option(names = "--confirmations", defaultValue = "4", description = "double-spend z = 1..Z (default ${DEFAULT-VALUE})")
        int confirmations;

        @Option(names = "--runs", defaultValue = "5", description = "selfish-mining runs an interval (default ${DEFAULT-VALUE})")
        int runs;

        @Option(names = "--blocks", defaultValue = "400", description = "selfish-mining blocks a run (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--honest-nodes", defaultValue = "10", description = "selfish-mining honest nodes; 10 realise "
                + "gamma = 0, 0.5 and 1 exactly (default ${DEFAULT-VALUE})")
        int honestNodes;

        @Option(names = "--pool-shares", split = ",", description = "selfish-mining pool shares alpha to calibrate, each "
                + "with gamma 0, 0.5 and 1 (default: the sweep's 0.1..0.45)")
        List<Double> poolShares = List.of();

        @Option(names = "--selfish-replicates", description = "replicates of the selfish-mining grid, 0 to skip it "
                + "(default: --replicates)")
        Integer selfishReplicates;

        @Option(names = "--difficulty", defaultValue = "4", description = "bits each simulated block is mined at (default ${DEFAULT-VALUE})")
        int difficulty;

        @Option(names = "--seed", defaultValue = "1", description = "(default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--workers", description = "threads (default: all cores)")
        Integer workers;

        @Override
        public Integer call() {
            SimulateCommand.quietLogs();
            int w = workers == null ? cores() : workers;
            if (w < 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--workers must be at least 1: " + w);
            }
            List<org.powchain.sim.Calibration.Family> families = new java.util.ArrayList<>();
            try {
                if (replicates > 0 && trials > 0) {
                    families.add(org.powchain.sim.Calibration.doubleSpend(replicates, trials, shares, confirmations, difficulty, seed, w,
                            System.err));
                }
                int sr = selfishReplicates == null ? replicates : selfishReplicates;
                if (sr > 0) {
                    families.add(org.powchain.sim.Calibration.selfishMining(sr, runs, blocks, honestNodes, difficulty, seed, w,
                            System.err, poolShares));
                }
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
            }
            int all = 0;
            int covered = 0;
            for (var f : families) {
                System.out.println(f.summary());
                f.misses().forEach(m -> System.out.println("  missed: " + m));
                all += f.intervals();
                covered += f.covered();
            }
            double[] ci = org.powchain.sim.Literature.wilson(covered, all, 1.96);
            System.out.printf(java.util.Locale.ROOT, "all: %d of %d: %.1f%% (95%% interval %.1f%% to %.1f%%); load %.2f%n", covered, all,
                    all == 0 ? 0 : 100.0 * covered / all, 100 * ci[0], 100 * ci[1],
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "How fast and how far the simulator goes: double-spend trials at q = 0.3, z = 2 and their"
            + " interval; selfish-mining time and memory against blocks; then wall and CPU time, events and messages per second and peak heap"
            + " of one `simulate network` run per pair of --nodes and --blocks values (--nodes 0 to skip).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--nodes", split = ",", defaultValue = "1000,10000", description = "nodes in each run (default ${DEFAULT-VALUE})")
        List<Integer> nodes;

        @Option(names = "--blocks", split = ",", defaultValue = "1000,100", description = "blocks in each run (default ${DEFAULT-VALUE})")
        List<Integer> blocks;

        @Option(names = "--peers", defaultValue = "8", description = "peers each node dials (default ${DEFAULT-VALUE})")
        int peers;

        @Option(names = "--double-spend-trials", defaultValue = "40000",
                description = "double-spend trials at q = 0.3, z = 2, timed; 0 to skip (default ${DEFAULT-VALUE})")
        int doubleSpendTrials;

        @Option(names = "--workers", description = "threads the double-spend trials run on (default: all cores)")
        Integer workers;

        @Option(names = "--threads", description = "threads each network run's nodes run on, side by side (simulate network "
                + "--threads; default: all cores)")
        Integer threads;

        @Option(names = "--linear-blocks", split = ",", defaultValue = "0",
                description = "block counts of small-network runs (20 nodes), to see time grow with blocks alone; 0 to skip (default ${DEFAULT-VALUE})")
        List<Integer> linearBlocks;

        @Option(names = "--selfish-blocks", split = ",", defaultValue = "5000,20000,60000",
                description = "block counts of selfish-mining runs (31 nodes): time per 1,000 blocks and memory at each; 0 to skip "
                        + "(default ${DEFAULT-VALUE}; run with -Xmx1g to see the 60,000-block run fit in 1 GB)")
        List<Integer> selfishBlocks;

        @Override
        public Integer call() {
            SimulateCommand.quietLogs();
            if (doubleSpendTrials > 0) {
                SimulationBenchmark.doubleSpend(doubleSpendTrials,
                        workers == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, workers), System.out);
            }
            List<Integer> counts = linearBlocks.stream().filter(b -> b > 0).toList();
            if (!counts.isEmpty()) {
                SimulationBenchmark.blocks(counts, System.out);
            }
            List<Integer> selfish = selfishBlocks.stream().filter(b -> b > 0).toList();
            if (!selfish.isEmpty()) {
                SimulationBenchmark.selfishMining(selfish, System.out);
            }
            if (!nodes.isEmpty() && nodes.get(0) > 0) {
                SimulationBenchmark.run(nodes, blocks, peers,
                        threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads), System.out);
            }
            return 0;
        }
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = "Launch to first HTTP answer of a node in its own JVM, with an empty data dir and with many"
            + " blocks stored: plain java -jar, with the launcher's class-data archive, and that with C1 only;"
            + " beside the original Python node; then devnets up and linked, with each node's resident memory.")
    static final class Startup implements Callable<Integer> {
        @Option(names = "--blocks", defaultValue = "10000", description = "blocks in the full data dir; 0 leaves it out"
                + " (default ${DEFAULT-VALUE})")
        int blocks;

        @Option(names = "--rounds", defaultValue = "7", description = "rounds, each launching every set-up once"
                + " (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--seed", paramLabel = "DIR", defaultValue = "../shared/seed/pypowchain",
                description = "the original node's source (main.py), run as python3 main.py -p PORT in the same rounds;"
                + " skipped if absent (default ${DEFAULT-VALUE})")
        Path seed;

        @Option(names = "--devnet", split = ",", paramLabel = "N,...", defaultValue = "10,30",
                description = "devnet sizes to bring up and link, with each node's RSS; 0 for none (default ${DEFAULT-VALUE})")
        List<Integer> devnets;

        @Override
        public Integer call() throws Exception {
            Optional<Path> source = Optional.of(seed).filter(d -> Files.isRegularFile(d.resolve("main.py")));
            if (source.isEmpty()) {
                System.out.println("original node: no main.py in " + seed.toAbsolutePath() + "; left out (--seed DIR)");
            }
            org.powchain.bench.StartupBenchmark.run(blocks, rounds, source,
                    devnets.stream().filter(n -> n > 0).toList(), System.out);
            return 0;
        }
    }
}
