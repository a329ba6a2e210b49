package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.consensus.ConsensusParams;
import org.powchain.core.Address;
import org.powchain.core.Keys;

/**
 * Real node processes, killed with SIGKILL at random moments: what a node acknowledged must be
 * there when it starts again, and what it serves must be a valid chain.
 */
@Tag("process")
class CrashRecoveryTest {
    static final int DIFFICULTY = 18; // a block every few hundred ms on one thread
    static final ConsensusParams PARAMS = ConsensusParams.defaults().withPinnedDifficulty(DIFFICULTY);
    static final String MINER = "k";
    static final Map<String, Address> ACCOUNTS = Map.of("A", Keys.demo("A").address(), "B", Keys.demo("B").address(),
            MINER, Keys.demo(MINER).address());
    /** A bound on a hung start, not a speed goal: a start after a kill replays and checks the store, slowly on a busy machine. */
    static final Duration START = Duration.ofMinutes(2);

    @TempDir
    Path tmp;

    List<String> args(Path data, String... more) {
        List<String> args = new ArrayList<>(List.of("--data-dir", data.toString(), "--difficulty",
                String.valueOf(DIFFICULTY), "-i", MINER));
        args.addAll(List.of(more));
        return args;
    }

    @Test
    @Timeout(240)
    void aNodeKilledAtRandomMomentsKeepsEveryAcknowledgedBlockAndTransaction() throws Exception {
        crashLoop(PARAMS, List.of());
    }

    /** The same loop on a node of the UTXO model: outputs spent, change made, rewards maturing, kill after kill. */
    @Test
    @Timeout(240)
    void aUtxoNodeKilledAtRandomMomentsKeepsEveryAcknowledgedBlockAndTransaction() throws Exception {
        crashLoop(PARAMS.withLedger(org.powchain.consensus.UtxoLedger.INSTANCE), List.of("--ledger", "utxo"));
    }

    private void crashLoop(ConsensusParams params, List<String> ledger) throws Exception {
        Path data = tmp.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicInteger ackedHeight = new AtomicInteger();
        ChainReplay replay = new ChainReplay(params);
        List<Integer> exits = new ArrayList<>(); // one per round: each must be a kill of a running node
        List<String> mining = new ArrayList<>(ledger);
        mining.add("--mine");
        for (int round = 0; round < 20; round++) {
            try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), args(data, mining.toArray(String[]::new)))) {
                if (round % 5 == 4) {
                    // Killed while starting: opening the store, checking it, reloading the mempool.
                    Thread.sleep(200 + random.nextInt(1000)); // the random instant is the point, not a condition
                    exits.add(node.kill());
                    continue;
                }
                node.awaitListening(START);
                verify(node, replay, acked, ackedHeight.get(), "round " + round + " (seed " + seed + ")");
                Load load = new Load(node, acked, ackedHeight);
                // A kill mid-mining is the case worth having in every round, whatever the machine's load.
                int before = node.getOk("/getlastblock").get("height").asInt();
                awaitABlock(node, before, "a block mined in round " + round + " (seed " + seed + ")");
                Thread.sleep(100 + random.nextInt(1100)); // the random instant is the point, not a condition
                exits.add(node.kill());
                load.stop();
            }
        }
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), args(data, ledger.toArray(String[]::new)))) {
            node.awaitListening(START);
            verify(node, replay, acked, ackedHeight.get(), "after the last kill (seed " + seed + ")");
            assertThat(node.stop()).isEqualTo(NodeProcess.STOPPED);
        }
        // every round's node was alive when killed: none had crashed or exited by itself first
        assertThat(exits).as("exit status of each round's node").hasSize(20).containsOnly(NodeProcess.KILLED);
        assertThat(acked).as("transactions acknowledged during the test").hasSizeGreaterThan(20);
        assertThat(replay.height()).as("blocks mined during the test: at least one in each of 16 mining rounds")
                .isGreaterThanOrEqualTo(16);
    }

    /** A node that answers but mines nothing is the failure to explain: the message carries the end of its log. */
    private static void awaitABlock(NodeProcess node, int before, String what) {
        try {
            await(what).atMost(Duration.ofSeconds(60)).until(() -> node.getOk("/getlastblock").get("height").asInt() > before);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> lines = node.output().lines().toList();
            throw new AssertionError(e.getMessage() + "\nthe node's log, its last 80 lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())), e);
        }
    }

    /**
     * What must hold after every restart: the tip is at least the last acknowledged height, the chain
     * is valid from genesis, balances equal a replay of it, and every acknowledged transaction is in a
     * block or back in the mempool.
     */
    static void verify(NodeProcess node, ChainReplay replay, Set<String> acked, int ackedHeight, String when) throws Exception {
        // The node keeps mining: read balances between two equal tip heights, so they belong to that tip.
        int[] height = new int[1];
        Map<String, JsonNode> balances = new java.util.HashMap<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            int before = node.getOk("/getlastblock").get("height").asInt();
            for (String name : ACCOUNTS.keySet()) {
                balances.put(name, node.getOk("/getbalance?account=" + name));
            }
            height[0] = before;
            return node.getOk("/getlastblock").get("height").asInt() == before;
        });
        assertThat(height[0]).as("tip height %s vs last acknowledged", when).isGreaterThanOrEqualTo(ackedHeight);

        Set<String> pending = new HashSet<>();
        node.getOk("/getmempool").forEach(t -> pending.add(t.get("id").asText()));
        int later = node.getOk("/getlastblock").get("height").asInt(); // everything mined since the mempool was read

        replay.extendTo(node, height[0]);
        ACCOUNTS.forEach((name, address) -> {
            // the balance; and the nonce, or the number of unspent outputs: what the model's getbalance adds
            assertThat(balances.get(name).get("balance").asLong()).as("%s's balance %s", name, when)
                    .isEqualTo(replay.balance(address));
            replay.accountFields(address).forEach((field, value) -> assertThat(balances.get(name).path(field).asLong())
                    .as("%s's %s %s", name, field, when).isEqualTo(value));
        });
        replay.extendTo(node, later);
        List<String> lost = acked.stream().filter(id -> !pending.contains(id) && !replay.mined(id)).toList();
        assertThat(lost).as("acknowledged transactions neither mined nor in the mempool %s", when).isEmpty();
    }

    /** Sends transfers between A and B and reads the tip, recording what the node acknowledged. */
    static final class Load {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Load(NodeProcess node, Set<String> acked, AtomicInteger ackedHeight) {
            thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    try {
                        String from = i % 2 == 0 ? "A" : "B";
                        NodeProcess.Reply r = node.get("/addtx?sender=" + from + "&to=" + (i % 2 == 0 ? "B" : "A") + "&amount=1");
                        if (r.status() == 200) {
                            acked.add(r.json().get("id").asText());
                        }
                        if (i % 10 == 0) {
                            ackedHeight.accumulateAndGet(node.getOk("/getlastblock").get("height").asInt(), Math::max);
                        }
                    } catch (IOException | AssertionError killed) {
                        return; // the node is gone; what it answered before is what counts
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "load");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    @Test
    @Timeout(60)
    void aSecondNodeOnTheSameDataDirIsRefusedWithAClearMessage() throws Exception {
        Path data = tmp.resolve("shared");
        try (NodeProcess first = NodeProcess.start(tmp.resolve("logs"), args(data)).awaitListening(START);
             NodeProcess second = NodeProcess.start(tmp.resolve("logs"), args(data))) {
            assertThat(second.awaitExit(START)).isEqualTo(1);
            assertThat(second.stderr()).contains("the data dir " + data + " is in use by another powchain node")
                    .contains("--data-dir").doesNotContain("Exception");
            assertThat(first.getOk("/getlastblock").get("height").asInt()).isZero();
        }
    }

    @Test
    @Timeout(90)
    void aDamagedDatabaseStopsTheNodeWithTheWayOutAndReindexRebuildsAValidChain() throws Exception {
        Path data = tmp.resolve("damaged");
        List<String> easy = List.of("--data-dir", data.toString(), "--difficulty", "8", "-i", MINER);
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), easy).awaitListening(START)) {
            for (int i = 0; i < 40; i++) {
                node.getOk("/addtx?sender=A&to=B&amount=1");
                node.getOk("/mine");
            }
            assertThat(node.stop()).isEqualTo(NodeProcess.STOPPED);
        }
        try (RandomAccessFile f = new RandomAccessFile(data.resolve("chain.db").toFile(), "rw")) {
            f.setLength(f.length() * 2 / 3); // a disk that lost the end of the file
        }

        try (NodeProcess refused = NodeProcess.start(tmp.resolve("logs"), easy)) {
            assertThat(refused.awaitExit(START)).isEqualTo(1);
            assertThat(refused.stderr()).contains("is damaged").contains("--reindex").doesNotContain("Exception");
        }

        List<String> reindex = new ArrayList<>(easy);
        reindex.add("--reindex");
        try (NodeProcess node = NodeProcess.start(tmp.resolve("logs"), reindex).awaitListening(START)) {
            assertThat(node.output()).contains("reindex of " + data);
            int height = node.getOk("/getlastblock").get("height").asInt();
            assertThat(height).as("blocks salvaged from the readable part of the file").isPositive();
            ChainReplay replay = new ChainReplay(ConsensusParams.defaults().withPinnedDifficulty(8));
            replay.extendTo(node, height);
            ACCOUNTS.forEach((name, address) -> {
                try {
                    assertThat(node.getOk("/getbalance?account=" + name).get("balance").asLong())
                            .isEqualTo(replay.account(address).balance());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("chain.db.before-reindex-"));
        }
    }
}
