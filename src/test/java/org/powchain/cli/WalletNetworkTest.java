package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.api.TestNode;

/** {@code wallet send} signs for the node's network, or for the one {@code --network} names. */
@Tag("unit")
class WalletNetworkTest {
    final TestNode node = TestNode.start("wn");
    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void sendSignsForTheNodesNetworkAndATransactionForAnotherIsRefused() {
        String keyFile = dir.resolve("carol.key").toString();
        CliRun.of("wallet", "new", "--key-file", keyFile);
        String address = CliRun.of("wallet", "address", "--key-file", keyFile).out().trim();
        node.get("/addtx?sender=A&to=" + address + "&amount=300");
        node.get("/mine");
        String network = node.node().queries().networkId().toString();

        CliRun elsewhere = CliRun.of("wallet", "send", "--key-file", keyFile, "--node", node.baseUrl(),
                "--to", "B", "--amount", "10", "--network", "0123456789abcdef");
        assertThat(elsewhere.exit()).isEqualTo(1);
        assertThat(elsewhere.err()).contains("wrong-network", network);
        assertThat(node.get("/getmempool").json()).isEmpty();

        CliRun here = CliRun.of("wallet", "send", "--key-file", keyFile, "--node", node.baseUrl(),
                "--to", "B", "--amount", "10");
        assertThat(here.exit()).as(here.err()).isZero();
        assertThat(here.out()).contains("network " + network);
        assertThat(node.get("/getmempool").json()).hasSize(1);
    }
}
