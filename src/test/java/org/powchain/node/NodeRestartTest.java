package org.powchain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.core.AccountState;
import org.powchain.api.TestNode;
import org.powchain.store.StoreCorruptedException;

/** A node on a data dir, stopped and started again in this JVM (the kill -9 cases are process tests). */
@Tag("http")
class NodeRestartTest {
    @TempDir
    Path dir;

    NodeConfig config() {
        return NodeConfig.forTests("n").withDataDir(dir);
    }

    @Test
    void aNodeStartedAgainOnItsDataDirHasTheSameTipBalancesAndMempool() {
        String tip;
        String txId;
        try (TestNode node = new TestNode(config())) {
            node.get("/mine");
            node.get("/addtx?sender=A&to=B&amount=100");
            node.get("/mine");
            txId = node.get("/addtx?sender=B&to=A&amount=7").json().get("id").asText();
            tip = node.get("/getlastblock").json().get("hash").asText();
            node.node().close(); // as a shutdown hook would; the second close (try-with-resources) does nothing
        }

        try (TestNode node = new TestNode(config())) {
            assertThat(node.get("/getlastblock").json().get("hash").asText()).isEqualTo(tip);
            assertThat(node.get("/getlastblock").json().get("height").asInt()).isEqualTo(2);
            assertThat(node.get("/getbalance?account=B").json().get("balance").asLong()).isEqualTo(1100);
            assertThat(node.get("/getbalance?account=n").json().get("balance").asLong()).isEqualTo(100);
            assertThat(node.get("/getmempool").json()).extracting(t -> t.get("id").asText()).containsExactly(txId);
            node.get("/mine"); // and it carries on from there
            assertThat(node.get("/getbalance?account=A").json().get("balance").asLong()).isEqualTo(907);
        }
    }

    @Test
    void aDamagedBlockStopsTheStartAndReindexKeepsTheChainBelowIt() throws Exception {
        try (Node node = new Node(config())) {
            node.start();
            for (int i = 0; i < 5; i++) {
                node.miner().mineOne().get(30, TimeUnit.SECONDS);
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chain.db"));
             Statement s = c.createStatement()) {
            // One byte of block 3's coinbase amount, as a flipped bit on disk would: SQLite does not notice.
            s.executeUpdate("UPDATE blocks SET txs = substr(txs, 1, 56) || X'7F' || substr(txs, 58) WHERE height = 3");
        }

        assertThatThrownBy(() -> new Node(config()))
                .isInstanceOf(StoreCorruptedException.class)
                .hasMessageContaining("do not match its Merkle root")
                .hasMessageContaining("--reindex");

        try (Node node = new Node(config(), Reindex.run(dir, config().params()))) {
            assertThat(node.queries().height()).isEqualTo(2); // block 3 is lost, and 4 and 5 with it
            assertThat(node.queries().balance(node.minerAddress())).isEqualTo(100);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("chain.db.before-reindex-"));
        }
        try (Node node = new Node(config())) { // the rebuilt store opens like any other
            assertThat(node.queries().height()).isEqualTo(2);
        }
    }
}
