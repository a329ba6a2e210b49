package org.powchain.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.powchain.process.NodeJvm;

/**
 * A devnet of five real node processes, taken through what a class does with one, in order: it
 * comes up linked, a mined block reaches every node, a split lets both sides mine apart and a heal
 * brings every node to the side with more work, the page's buttons split and heal it too, a
 * snapshot restored gives back the snapshot's tips after the chain moved on, and it goes down
 * leaving no process. One network for all of it: its start-up is most of the cost.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetTest {
    /** A 2-core host at load average 40 took 125 s to start the five JVMs; idle, about 3 s. */
    static final Duration SLOW_HOST = Duration.ofSeconds(300);
    static final int NODES = 5;

    Path dir;
    Devnet devnet;
    DevnetServer server;
    List<Long> pids;

    @BeforeAll
    void up() throws IOException {
        dir = Files.createTempDirectory("powchain-devnet-test");
        int base = freePorts(NODES + 1);
        DevnetSpec spec = new DevnetSpec(NODES, base + 1, base, "ring", DevnetSpec.shares(NODES, 0, List.of()), 0, 0, 7, 8);
        devnet = Devnet.start(spec, dir, NodeJvm.devnetFlags(), SLOW_HOST);
        pids = devnet.pids();
        server = new DevnetServer(devnet, () -> { }).start(spec.controlPort());
    }

    @AfterAll
    void down() throws IOException {
        if (server != null) {
            server.close();
        }
        if (devnet != null) {
            devnet.close();
        }
        Devnet.deleteTree(dir);
    }

    @Test
    @Order(1)
    void comesUpWithEveryNodeAnsweringAndLinked() {
        JsonNode status = devnet.status();
        assertThat(status.path("node")).hasSize(NODES);
        status.path("node").forEach(n -> {
            assertThat(n.path("up").asBoolean()).as(n.path("id").asText()).isTrue();
            assertThat(n.path("height").asLong()).isZero();
            assertThat(n.path("peers").asInt()).as("peers of %s", n.path("id").asText()).isGreaterThanOrEqualTo(2);
        });
        assertThat(pids).hasSize(NODES);
        assertThat(dir.resolve("state.json")).exists();
    }

    /** No node mines here, so only A and B have coins: a transfer from a node's empty account would be refused. */
    @Test
    @Order(2)
    void theBackgroundTransfersArePaidByAccountsThatHaveCoins() {
        for (int i = 0; i < 20; i++) {
            devnet.transfers().sendOne();
        }
        JsonNode s = devnet.status();
        assertThat(s.path("txsSent").asLong()).isPositive();
        assertThat(s.path("txsRefused").asLong()).as("refused of %d", s.path("txsSent").asLong()).isZero();
    }

    @Test
    @Order(2)
    void aBlockMinedOnOneNodeReachesEveryNode() throws IOException {
        String hash = devnet.mine(0, 2).get(1);

        awaitTips(List.of(0, 1, 2, 3, 4), hash);
    }

    @Test
    @Order(3)
    void aSplitMinesTwoBranchesAndTheHealKeepsTheOneWithMoreWork() throws IOException {
        devnet.split(List.of(List.of(0, 1), List.of(2, 3, 4)));
        String small = devnet.mine(0, 1).get(0);
        String large = devnet.mine(3, 3).get(2);
        awaitTips(List.of(0, 1), small);
        awaitTips(List.of(2, 3, 4), large);

        devnet.heal();

        awaitTips(List.of(0, 1, 2, 3, 4), large);
        assertThat(devnet.status().path("node").get(0).path("reorgs").asLong()).as("n0 gave up its branch").isPositive();
    }

    @Test
    @Order(4)
    void thePageSplitsAndHealsFromItsButtons() throws Exception {
        String history = devnet.mine(4, 14).get(13); // more heights than the page's width: the fork is at the right end
        awaitTips(List.of(0, 1, 2, 3, 4), history);
        try (DevnetPage page = DevnetPage.open(devnet.spec().controlPort())) {
            // the graph draws who is linked now: gossip has linked more pairs than the ring's five
            DevnetPage.Graph linked = page.awaitGraph(g -> g.links().size() > devnet.status().path("links").size()
                    && g.links().equals(graphLinks(false)));
            assertThat(linked.cutLinks()).isEmpty();

            page.split("0,1|2,3,4");
            await().atMost(SLOW_HOST).until(() -> devnet.status().path("groups").size() == 2);
            page.awaitSummaryContaining("split into 0,1 | 2,3,4");
            String tipA = devnet.mine(0, 2).get(1);
            String tipB = devnet.mine(2, 1).get(0);
            awaitTips(List.of(0, 1), tipA);
            awaitTips(List.of(2, 3, 4), tipB);
            page.awaitTreeShowingTipOf("n0", tipA);
            page.awaitInView(tipA);
            page.awaitInView(tipB);
            assertThat(page.treeOverflows()).as("the tree is wider than the page: history is to the left").isTrue();
            DevnetPage.Graph split = page.awaitGraph(g -> g.cutLinks().equals(graphLinks(true))
                    && sameColour(g, "n0", "n1") && sameColour(g, "n2", "n3", "n4") && !sameColour(g, "n0", "n2"));
            assertThat(split.colourOf()).containsOnlyKeys("n0", "n1", "n2", "n3", "n4");
            assertThat(split.cutLinks()).as("the ring's two links between the groups, at least, drawn cut")
                    .contains("n1-n2", "n0-n4")
                    .allSatisfy(l -> assertThat(Set.of(l.split("-"))).as("a cut link joins the two groups %s", l)
                            .containsAnyOf("n0", "n1").containsAnyOf("n2", "n3", "n4"));
            page.screenshot("devnet-split");

            page.heal();

            awaitTips(List.of(0, 1, 2, 3, 4), tipA);
            page.awaitSummaryContaining("network whole");
            page.awaitTreeShowingTipOf("n4", tipA);
            DevnetPage.Graph whole = page.awaitGraph(g -> g.cutLinks().isEmpty() && sameColour(g, "n0", "n1", "n2", "n3", "n4"));
            assertThat(whole.colourOf()).hasSize(NODES);
            page.screenshot("devnet-healed");
        }
    }

    @Test
    @Order(5)
    void aSnapshotRestoredGivesBackItsTips() throws Exception {
        String before = devnet.mine(1, 1).get(0);
        awaitTips(List.of(0, 1, 2, 3, 4), before);
        devnet.snapshot("lesson-1");
        String after = devnet.mine(4, 2).get(1);
        awaitTips(List.of(0, 1, 2, 3, 4), after);

        devnet.restore("lesson-1");

        assertThat(tips()).containsOnly(before);
        assertThat(devnet.snapshots()).containsExactly("lesson-1");
    }

    @Test
    @Order(6)
    void anExportedDevnetImportedElsewhereHasTheSameTips() throws Exception {
        String tip = devnet.mine(2, 1).get(0);
        awaitTips(List.of(0, 1, 2, 3, 4), tip);
        devnet.share(1, 0.5); // the only miner: its share is scaled to 1 in the exported file
        Path file = dir.resolve("lesson.devnet.zip");
        devnet.export(file);

        Path elsewhere = Files.createTempDirectory("powchain-devnet-import");
        int base = freePorts(NODES + 1);
        DevnetSpec spec = DevnetArchive.unpack(file, elsewhere, base + 1, base);
        try (Devnet imported = Devnet.start(spec, elsewhere, NodeJvm.devnetFlags(), SLOW_HOST)) {
            List<String> tips = new ArrayList<>();
            imported.status().path("node").forEach(n -> tips.add(n.path("tip").asText()));
            assertThat(tips).containsOnly(tip);
            assertThat(imported.status().path("node").get(1).path("share").asDouble()).isEqualTo(1.0);
            assertThat(imported.status().path("links")).hasSize(devnet.status().path("links").size());
        } finally {
            Devnet.deleteTree(elsewhere);
        }
    }

    @Test
    @Order(7)
    void goesDownLeavingNoProcess() {
        List<Long> running = devnet.pids(); // restarted by the snapshot and the restore: other pids than at start
        devnet.close();

        assertThat(running).hasSize(NODES);
        for (long pid : concat(pids, running)) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse();
        }
        assertThat(dir.resolve("state.json")).doesNotExist();
    }

    /** The pairs the devnet's status says the page draws (as the page names them, {@code n1-n2}): all, or only those cut. */
    private Set<String> graphLinks(boolean onlyCut) {
        Set<String> out = new TreeSet<>();
        devnet.status().path("graph").forEach(l -> {
            if (!onlyCut || l.path("cut").asBoolean()) {
                out.add("n" + l.path("a").asInt() + "-n" + l.path("b").asInt());
            }
        });
        return out;
    }

    private static boolean sameColour(DevnetPage.Graph g, String... nodes) {
        return Arrays.stream(nodes).map(g.colourOf()::get).allMatch(c -> c != null && c.equals(g.colourOf().get(nodes[0])));
    }

    private List<String> tips() {
        List<String> out = new ArrayList<>();
        devnet.status().path("node").forEach(n -> out.add(n.path("tip").asText()));
        return out;
    }

    private void awaitTips(List<Integer> which, String hash) {
        await().atMost(SLOW_HOST).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<String> tips = tips();
            for (int i : which) {
                assertThat(tips.get(i)).as("tip of n%d", i).isEqualTo(hash);
            }
        });
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The first of {@code n} consecutive loopback ports free now. */
    static int freePorts(int n) throws IOException {
        return FreePorts.consecutive(n);
    }
}
