package org.powchain.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.powchain.api.ApiServer;
import org.powchain.chain.BlockOutcome;
import org.powchain.chain.ChainManager;
import org.powchain.consensus.AccountLedger;
import org.powchain.consensus.ConsensusParams;
import org.powchain.consensus.Ledger;
import org.powchain.consensus.LedgerRules;
import org.powchain.consensus.RuleViolation;
import org.powchain.consensus.TransactionRules;
import org.powchain.consensus.UtxoLedger;
import org.powchain.consensus.UtxoRules;
import org.powchain.core.AccountState;
import org.powchain.core.AccountTransaction;
import org.powchain.core.Address;
import org.powchain.core.Block;
import org.powchain.core.BlockHeader;
import org.powchain.core.Hash;
import org.powchain.core.Keys;
import org.powchain.core.MerkleTree;
import org.powchain.core.NetworkId;
import org.powchain.core.Transaction;
import org.powchain.core.TxOutput;
import org.powchain.core.UtxoChange;
import org.powchain.core.UtxoTransaction;
import org.powchain.core.WallClock;
import org.powchain.node.Node;
import org.powchain.node.NodeConfig;
import org.powchain.wire.PeerAddress;
import org.powchain.store.UtxoSet;
import org.powchain.client.HttpClients;
import org.powchain.client.NodeClient;

/**
 * The two ledger models side by side, in one run (docs/PERFORMANCE.md, "Ledger models"): each
 * figure is taken the same way for a network of each model, whose genesis funds the same senders
 * ({@code u0}, {@code u1}, ...; {@link Workload}), each paying the next one 100, fee 0
 * ({@link Payments}).
 * <ol>
 *   <li><b>rules</b>: checking one transfer as a mempool would, and applying a block of them to the
 *       ledger, with no node around them (the last of {@link #ROUNDS}, warm);</li>
 *   <li><b>admissions over HTTP</b>: a real node of each model (SQLite data dir) on loopback, and
 *       pre-signed transfers posted to {@code POST /api/v1/transactions} by {@code clients} threads
 *       of the JDK client in this JVM, each sender's in order (each follows on from its last: the
 *       next nonce, or the last one's change), after a quarter as many as warm-up;</li>
 *   <li><b>a block</b> of {@code blockTxs} transfers none of which the node has seen, received as
 *       from a peer ({@code Network.receiveBlock}: the checks, the signatures, the ledger, the
 *       SQLite store and the node's listeners), after a block a fifth that size as warm-up;</li>
 *   <li><b>state on disk</b> after {@code stateBlocks} blocks of {@code stateTxs} transfers each,
 *       connected by a node with a data dir: the data dir's bytes and the rows of its tables. The
 *       UTXO model twice: senders choosing coins largest first (as the node's {@code addtx} and the
 *       wallet do), and spending every coin they hold.</li>
 * </ol>
 * Node figures (2 and 3) are taken {@link #ROUNDS_ON_A_NODE} times on fresh nodes, the models
 * alternating; the table has the last round's.
 * The UTXO network allows blocks of {@link #MAX_BLOCK_BYTES} (a 5,000-transfer UTXO block is
 * 1.06 MB, over the default 1 MB); the account network does too, so that the two differ only in
 * the model. Printed, never asserted.
 */
public final class LedgerModelsBenchmark {
    /** The size limit of both benchmark networks' blocks. */
    static final int MAX_BLOCK_BYTES = 2_000_000;
    /** Rules-only block figures are the last of this many rounds, so the JIT has compiled what they measure. */
    private static final int ROUNDS = 5;
    /**
     * Node figures are measured this many times, the models alternating on fresh nodes; the table
     * has the last round's (the first ran with the JIT cold for whichever model came first).
     */
    private static final int ROUNDS_ON_A_NODE = 2;
    private static final PeerAddress PEER = new PeerAddress("127.0.0.1", 9);

    /**
     * What to measure.
     *
     * @param senders     keys paying each other, each the next
     * @param rulesTxs    transfers checked and applied by the rules alone
     * @param httpTxs     transfers posted over HTTP and timed (after a quarter as many as warm-up)
     * @param clients     HTTP client threads
     * @param blockTxs    transfers in the block received as from a peer
     * @param stateBlocks blocks connected before the state is measured on disk
     * @param stateTxs    transfers in each of those blocks
     */
    public record Sizes(int senders, int rulesTxs, int httpTxs, int clients, int blockTxs, int stateBlocks, int stateTxs) {
        public Sizes {
            if (senders < 1 || rulesTxs < 1 || httpTxs < 1 || clients < 1 || blockTxs < 1 || stateBlocks < 1 || stateTxs < 1) {
                throw new IllegalArgumentException("every size is 1 or more: " + this);
            }
        }
    }

    /** One column of the table: a model, and for the state figures how its senders choose coins. */
    private record Column(String name, Ledger model, Payments.Coins coins) {}

    private final Sizes sizes;
    private final PrintWriter out;
    private final Path tmp;
    /** Row label to the figure of each column, in the order measured. */
    private final Map<String, Map<String, String>> table = new LinkedHashMap<>();

    private LedgerModelsBenchmark(Sizes sizes, PrintWriter out, Path tmp) {
        this.sizes = sizes;
        this.out = out;
        this.tmp = tmp;
    }

    public static void run(Sizes sizes, PrintWriter out) throws Exception {
        Path tmp = Files.createTempDirectory("powchain-bench-ledgers");
        try {
            new LedgerModelsBenchmark(sizes, out, tmp).run();
        } finally {
            StoreBenchmark.delete(tmp);
        }
    }

    private void run() throws Exception {
        out.printf(Locale.ROOT, "ledger models, both in one run: %,d senders each paying the next %d, fee 0; %d cores,"
                        + " load average %.2f at the start%n", sizes.senders(), Payments.AMOUNT,
                Runtime.getRuntime().availableProcessors(), loadAverage());
        Column account = new Column("account", AccountLedger.INSTANCE, Payments.Coins.LARGEST_FIRST);
        Column utxo = new Column("utxo", UtxoLedger.INSTANCE, Payments.Coins.LARGEST_FIRST);
        Column utxoAll = new Column("utxo, spend all", UtxoLedger.INSTANCE, Payments.Coins.ALL);
        List<Column> models = List.of(account, utxo);

        out.printf("rules alone, no node, one thread, %,d transfers:%n", sizes.rulesTxs());
        rulesAccounts(sizes.rulesTxs());
        rulesUtxos(sizes.rulesTxs());

        out.printf("admissions over HTTP: a node with a data dir on loopback; %,d pre-signed transfers from %,d senders"
                        + " POSTed to /api/v1/transactions by %d client threads (JDK HttpClient, this JVM), after %,d as warm-up:%n",
                sizes.httpTxs(), sizes.senders(), Math.min(sizes.clients(), sizes.senders()), warmUp());
        for (int round = 1; round <= ROUNDS_ON_A_NODE; round++) { // models alternate, so neither pays alone for a cold JIT
            for (Column c : models) {
                admissions(c, round);
            }
        }

        out.printf("a block of %,d transfers received as from a peer (Network.receiveBlock: checks, signatures"
                + " in parallel, ledger, SQLite data dir), after a warm-up block of %,d:%n", sizes.blockTxs(), warmUpBlock());
        for (int round = 1; round <= ROUNDS_ON_A_NODE; round++) {
            for (Column c : models) {
                block(c, round);
            }
        }

        out.printf("state on disk after %,d blocks of %,d transfers (%,d transfers), connected by a node with a data dir:%n",
                sizes.stateBlocks(), sizes.stateTxs(), (long) sizes.stateBlocks() * sizes.stateTxs());
        for (Column c : List.of(account, utxo, utxoAll)) {
            state(c);
        }

        out.printf(Locale.ROOT, "load average at the end: %.2f%n", loadAverage());
        printTable(List.of(account, utxo, utxoAll));
    }

    // ---------------------------------------------------------------- rules alone

    /** Sender {@code i % senders} pays the next sender 900 with a fee of 1, as its {@code i / senders}-th transfer. */
    private void rulesAccounts(int count) throws RuleViolation {
        ConsensusParams params = ConsensusParams.forTests();
        NetworkId net = new NetworkId(0x62656e6368L);
        List<Keys> keys = rulesKeys();
        Map<Address, AccountState> ledger = new HashMap<>();
        keys.forEach(k -> ledger.put(k.address(), new AccountState(Workload.FUNDS, 0)));
        List<AccountTransaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Keys from = keys.get(i % keys.size());
            txs.add(AccountTransaction.signed(net, from, keys.get((i + 1) % keys.size()).address(), 900, 1, i / keys.size()));
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) { // as a mempool would: after the sender's transfers queued before it
            AccountTransaction t = txs.get(i);
            long queued = i / keys.size();
            TransactionRules.checkWellFormed(t);
            TransactionRules.checkNetwork(t, net);
            TransactionRules.checkSignature(t);
            TransactionRules.checkAgainstSender(t, ledger.get(t.sender()), queued, queued * 901);
        }
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        out.printf("  account: check a transfer (form, network, signature, balance and nonce): %,.0f a second%n", perSecond);
        put("rules: check one transfer, signature included (/s)", "account", "%,.0f", perSecond);

        List<Transaction> block = new ArrayList<>();
        block.add(AccountTransaction.coinbase(keys.get(0).address(), params.blockReward() + count, 1));
        block.addAll(txs);
        Block b = new Block(new BlockHeader(1, Hash.ZERO, MerkleTree.rootOf(block), 0, params.genesisBits(), 0), block);
        double ms = 0;
        for (int round = 0; round < ROUNDS; round++) {
            start = System.nanoTime();
            LedgerRules.apply(params, b, 1, a -> ledger.getOrDefault(a, AccountState.EMPTY));
            ms = (System.nanoTime() - start) / 1e6;
        }
        out.printf("  account: apply a block of %,d transfers (%,d bytes), signatures apart: %.1f ms%n", count, b.sizeBytes(), ms);
        put("rules: apply the block, signatures apart (ms)", "account", "%.1f", ms);
    }

    /** The same payments as outputs: each sender starts with coins of its own, and each transfer spends one. */
    private void rulesUtxos(int count) throws RuleViolation {
        ConsensusParams params = ConsensusParams.forTests();
        NetworkId net = new NetworkId(0x62656e6368L);
        List<Keys> keys = rulesKeys();
        long coin = 1_000_000;
        List<TxOutput> allocations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            allocations.add(new TxOutput(coin, keys.get(i % keys.size()).address()));
        }
        UtxoTransaction genesis = UtxoTransaction.coinbase(0, allocations);
        UtxoSet set = UtxoSet.empty().connect(UtxoRules.apply(params, List.of(genesis), 0, UtxoSet.empty()));
        List<UtxoTransaction> txs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Keys from = keys.get(i % keys.size());
            txs.add(UtxoTransaction.signed(net, List.of(new UtxoTransaction.Spend(genesis.outpoint(i), coin, from)),
                    List.of(new TxOutput(900, keys.get((i + 1) % keys.size()).address()), new TxOutput(coin - 901, from.address()))));
        }
        long start = System.nanoTime();
        for (UtxoTransaction t : txs) {
            UtxoRules.check(params, net, t, set, 1);
        }
        double perSecond = count / ((System.nanoTime() - start) / 1e9);
        out.printf("  utxo: check a transfer (form, network, outputs spent, owner, amounts, signature): %,.0f a second%n", perSecond);
        put("rules: check one transfer, signature included (/s)", "utxo", "%,.0f", perSecond);

        List<UtxoTransaction> block = new ArrayList<>();
        block.add(UtxoTransaction.coinbase(1, List.of(new TxOutput(params.blockReward() + count, keys.get(0).address()))));
        block.addAll(txs);
        int bytes = block.stream().mapToInt(UtxoTransaction::size).sum();
        UtxoChange change = null;
        UtxoSet after = null;
        double ms = 0;
        double undoMs = 0;
        for (int round = 0; round < ROUNDS; round++) {
            start = System.nanoTime();
            UtxoRules.checkBody(net, block);
            change = UtxoRules.apply(params, block, 1, set);
            after = set.connect(change);
            ms = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            after.disconnect(UtxoChange.decode(change.encode()));
            undoMs = (System.nanoTime() - start) / 1e6;
        }
        out.printf("  utxo: apply a block of %,d transfers (%,d bytes of transactions), signatures apart,"
                + " and connect it to a set of %,d: %.1f ms%n", count, bytes, set.size(), ms);
        out.printf("  utxo: undo record %,d bytes; disconnect with it: %.1f ms; set after: %,d outputs%n",
                change.encode().length, undoMs, after.size());
        put("rules: apply the block, signatures apart (ms)", "utxo", "%.1f", ms);
    }

    private List<Keys> rulesKeys() {
        List<Keys> keys = new ArrayList<>();
        for (int i = 0; i < sizes.senders(); i++) {
            keys.add(Keys.demo("bench" + i));
        }
        return keys;
    }

    // ---------------------------------------------------------------- admissions over HTTP

    private int warmUp() {
        return Math.max(1, sizes.httpTxs() / 4);
    }

    private void admissions(Column c, int round) throws Exception {
        Workload w = new Workload(sizes.senders(), c.model(), MAX_BLOCK_BYTES);
        Payments pay = Payments.of(w, c.coins());
        int total = warmUp() + sizes.httpTxs();
        int senders = sizes.senders();
        // transfer n is sender n % senders's (n / senders)-th: each follows on from that sender's last
        List<String> bodies = new ArrayList<>(total);
        long bytes = 0;
        for (int n = 0; n < total; n++) {
            Transaction tx = pay.pay(n % senders, (n + 1) % senders);
            if (n >= warmUp()) {
                bytes += tx.size();
            }
            bodies.add(NodeClient.json(tx, c.model()).toString());
        }
        Path dir = tmp.resolve("http-" + c.name() + "-" + round);
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1, Optional.of(dir), true,
                w.params);
        try (Node node = new Node(config); ApiServer api = new ApiServer(node)) {
            node.start();
            api.start();
            URI uri = URI.create(api.baseUrl() + "/api/v1/transactions");
            Posted warm = post(uri, bodies, 0, warmUp());
            long cpu0 = processCpuNanos();
            Posted timed = post(uri, bodies, warmUp(), total);
            double cpuMicros = (processCpuNanos() - cpu0) / 1e3 / sizes.httpTxs();
            double perSecond = sizes.httpTxs() / timed.seconds();
            out.printf(Locale.ROOT, "  round %d, %s: %,d admitted in %.2f s = %,.0f tx/s (%d refused, %d in warm-up%s); %,.0f bytes a transfer;"
                            + " CPU of this JVM (node + clients) %.0f µs a transfer; mempool after: %,d%n",
                    round, c.name(), sizes.httpTxs() - timed.refused(), timed.seconds(), perSecond, timed.refused(), warm.refused(),
                    timed.firstRefusal().map(r -> ": " + r).orElse(""), (double) bytes / sizes.httpTxs(), cpuMicros,
                    node.mempool().size());
            if (round < ROUNDS_ON_A_NODE) {
                return;
            }
            put("HTTP: admitted a second (POST /api/v1/transactions)", c.name(), "%,.0f", perSecond);
            put("HTTP: refused", c.name(), "%.0f", timed.refused());
            put("HTTP: CPU of this JVM a transfer, node + clients (µs)", c.name(), "%.0f", cpuMicros);
            put("a transfer, bytes", c.name(), "%,.0f", (double) bytes / sizes.httpTxs());
        }
    }

    /** What posting a range of transfers gave. */
    private record Posted(double seconds, int refused, Optional<String> firstRefusal) {}

    /**
     * Posts {@code bodies[from, to)} from the client threads, each thread the transfers of its own
     * senders in order (a sender's next is sent once its last is admitted).
     */
    private Posted post(URI uri, List<String> bodies, int from, int to) throws Exception {
        int senders = sizes.senders();
        int clients = Math.min(sizes.clients(), senders);
        HttpClient http = HttpClients.lazy(HttpClients.CONNECT_TIMEOUT).get(); // HTTP/1.1, what the node serves
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> first = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                for (int n = from; n < to; n++) {
                    if ((n % senders) % clients != client) {
                        continue;
                    }
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(n))).build();
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) {
                        refused.incrementAndGet();
                        first.compareAndSet(null, "HTTP " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Posted(secs, refused.get(), Optional.ofNullable(first.get()));
    }

    // ---------------------------------------------------------------- one block, as from a peer

    private int warmUpBlock() {
        return Math.max(1, sizes.blockTxs() / 5);
    }

    private void block(Column c, int round) throws Exception {
        Workload w = new Workload(sizes.senders(), c.model(), MAX_BLOCK_BYTES);
        Payments pay = Payments.of(w, c.coins());
        Path dir = tmp.resolve("block-" + c.name() + "-" + round);
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1, Optional.of(dir), true,
                w.params);
        int n = 0;
        try (Node node = new Node(config)) {
            ChainManager chain = node.chain();
            double ms = 0;
            Block block = null;
            for (int size : new int[] {warmUpBlock(), sizes.blockTxs()}) {
                List<Transaction> txs = new ArrayList<>(size);
                long fees = 0;
                for (int i = 0; i < size; i++, n++) {
                    Transaction tx = pay.pay(n % sizes.senders(), (n + 1) % sizes.senders());
                    fees += pay.fee(tx);
                    txs.add(tx);
                }
                block = Workload.blockOn(chain, txs, fees, WallClock.millis());
                long start = System.nanoTime();
                BlockOutcome outcome = node.network().receiveBlock(block, Optional.of(PEER));
                ms = (System.nanoTime() - start) / 1e6;
                if (outcome.status() != BlockOutcome.Status.MAIN_CHAIN) {
                    throw new IllegalStateException("the block of " + size + " transfers was not connected: " + outcome);
                }
            }
            out.printf(Locale.ROOT, "  round %d, %s: block of %,d transfers (%,d bytes): validated and connected in %.0f ms%n",
                    round, c.name(), sizes.blockTxs(), block.sizeBytes(), ms);
            if (round < ROUNDS_ON_A_NODE) {
                return;
            }
            put("block of " + String.format(Locale.ROOT, "%,d", sizes.blockTxs()) + " transfers, bytes", c.name(), "%,.0f",
                    block.sizeBytes());
            put("block: validated and connected, signatures in it (ms)", c.name(), "%.0f", ms);
        }
    }

    // ---------------------------------------------------------------- state on disk

    private void state(Column c) throws Exception {
        Workload w = new Workload(sizes.senders(), c.model(), MAX_BLOCK_BYTES);
        Payments pay = Payments.of(w, c.coins());
        Path dir = tmp.resolve("state-" + c.name().replace(", ", "-").replace(' ', '-'));
        NodeConfig config = new NodeConfig(0, "127.0.0.1", "bench", "127.0.0.1", List.of(), false, 1, Optional.of(dir), true,
                w.params);
        long start = System.nanoTime();
        int entries;
        int minerEntries;
        long transferBytes = 0;
        long n = 0;
        try (Node node = new Node(config)) {
            ChainManager chain = node.chain();
            for (int b = 0; b < sizes.stateBlocks(); b++) {
                List<Transaction> txs = new ArrayList<>(sizes.stateTxs());
                long fees = 0;
                for (int i = 0; i < sizes.stateTxs(); i++, n++) {
                    Transaction tx = pay.pay((int) (n % sizes.senders()), (int) ((n + 1) % sizes.senders()));
                    fees += pay.fee(tx);
                    transferBytes += tx.size();
                    txs.add(tx);
                }
                chain.process(Workload.blockOn(chain, txs, fees, WallClock.millis()));
            }
            entries = chain.queries().snapshot().ledger().size();
            minerEntries = chain.queries().snapshot().ledger().ownedBy(Workload.MINER.address()).size();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        Tables t = tables(dir);
        long dirBytes = size(dir);
        String what = c.model() == UtxoLedger.INSTANCE ? "unspent outputs" : "accounts";
        out.printf(Locale.ROOT, "  %s%s: %,d blocks in %.1f s; data dir %,d bytes (%,.0f a block); ledger %,d rows (%s, %,d of them"
                        + " the miner's), %,d bytes of keys and values%s; undo %,d rows, %,d bytes; blocks %,d bytes of transactions%n",
                c.name(), c.model() == UtxoLedger.INSTANCE ? " (coins " + c.coins().description + ")" : "",
                sizes.stateBlocks(), secs, dirBytes, (double) dirBytes / (sizes.stateBlocks() + 1), t.ledgerRows(), what,
                minerEntries, t.ledgerBytes(), t.ledgerPages().map(p -> String.format(Locale.ROOT, " in %,d bytes of pages", p)).orElse(""),
                t.undoRows(), t.undoBytes(), t.txBytes());
        if (!t.pages().isEmpty()) {
            out.printf(Locale.ROOT, "    pages: %s%n", String.join(", ", t.pages().entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).toList()));
        }
        if (t.ledgerRows() != entries) {
            throw new IllegalStateException("the ledger table holds " + t.ledgerRows() + " rows, the node's ledger " + entries);
        }
        put("state: data dir bytes", c.name(), "%,.0f", dirBytes);
        put("state: ledger rows", c.name(), "%,.0f", t.ledgerRows());
        put("state: ledger rows that are the miner's", c.name(), "%,.0f", minerEntries);
        put("state: ledger bytes (keys and values)", c.name(), "%,.0f", t.ledgerBytes());
        if (t.ledgerPages().isPresent()) {
            put("state: ledger table and index pages, bytes", c.name(), "%,.0f", t.ledgerPages().get());
        }
        put("state: undo bytes", c.name(), "%,.0f", t.undoBytes());
        put("state: block bytes (transactions)", c.name(), "%,.0f", t.txBytes());
    }

    /**
     * Rows and bytes of the ledger, undo and block tables; where SQLite can say ({@code dbstat}), the
     * ledger's pages and the bytes of pages each table and index takes, and the free pages' ("(free)").
     */
    private record Tables(long ledgerRows, long ledgerBytes, Optional<Long> ledgerPages, long undoRows, long undoBytes, long txBytes,
                          Map<String, Long> pages) {}

    private static Tables tables(Path dir) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chain.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // everything in chain.db, so the dir's bytes are the tables'
            long[] ledger = two(s, "SELECT COUNT(*), COALESCE(SUM(LENGTH(key) + LENGTH(value)), 0) FROM ledger");
            long[] undo = two(s, "SELECT COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM undo");
            long[] blocks = two(s, "SELECT COUNT(*), COALESCE(SUM(LENGTH(txs)), 0) FROM blocks");
            Map<String, Long> pages = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC")) {
                while (rs.next()) {
                    pages.put(rs.getString(1), rs.getLong(2));
                }
                long[] free = two(s, "SELECT (SELECT freelist_count FROM pragma_freelist_count),"
                        + " (SELECT page_size FROM pragma_page_size)");
                pages.put("(free)", free[0] * free[1]);
            } catch (SQLException e) { // a SQLite built without the dbstat table
                pages.clear();
            }
            return new Tables(ledger[0], ledger[1], Optional.ofNullable(pages.get("ledger")), undo[0], undo[1], blocks[1], pages);
        }
    }

    private static long[] two(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    // ---------------------------------------------------------------- the table

    private void put(String row, String column, String format, double value) {
        table.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(column, String.format(Locale.ROOT, format, value));
    }

    private void printTable(List<Column> columns) {
        int first = table.keySet().stream().mapToInt(String::length).max().orElse(10);
        int width = 18;
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", "figure"));
        columns.forEach(c -> head.append(String.format(Locale.ROOT, " | %" + width + "s", c.name())));
        out.println(head);
        out.println("-".repeat(head.length()));
        table.forEach((row, values) -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + first + "s", row));
            columns.forEach(c -> line.append(String.format(Locale.ROOT, " | %" + width + "s", values.getOrDefault(c.name(), "—"))));
            out.println(line);
        });
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
