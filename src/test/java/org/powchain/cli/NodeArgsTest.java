package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A node's flags read without picocli ({@link NodeArgs}) are what picocli reads from them, or are
 * left to picocli: never a different value, never a start picocli would refuse.
 */
class NodeArgsTest {
    /** Command lines the fast path reads: what users type, and what the devnet starts its nodes with. */
    private static final List<List<String>> PLAIN = List.of(
            List.of("-p", "5000"),
            List.of("--port", "5000"),
            List.of("--port=5000"),
            List.of("-p", "5001", "--boot-node=localhost:5000", "--mine"),
            List.of("-p", "5001", "-b", "localhost:5000", "-b", "localhost:5002", "-m", "-i", "alice", "-n", "10.0.0.2"),
            List.of("-p", "0", "--host", "127.0.0.1", "--node-ip", "127.0.0.1", "--node-id", "n3", "--data-dir",
                    "devnet/n3", "--difficulty", "12", "--ledger", "utxo", "--threads", "1", "--link-faults",
                    "--controller-pid", "4242", "--max-peers", "8", "--boot-node=127.0.0.1:5002", "--boot-node=127.0.0.1:5001"),
            List.of("-p", "05000", "--reindex", "--no-demo-accounts", "--rpc-allow-ip", "192.168.1.0/24"),
            List.of("-p", "010"),
            List.of("--difficulty=-3", "-p", "1"),
            List.of("-p", "99999"),
            List.of("--ledger", "bitcoin", "-p", "1"),
            List.of());

    /** Command lines left to picocli, which reads them or refuses them in its own words. */
    private static final List<List<String>> LEFT_TO_PICOCLI = List.of(
            List.of("-p5000"),
            List.of("-p=5000"),
            List.of("--mine=true", "-p", "1"),
            List.of("-p", "1", "-p", "2"),
            List.of("-p", "1", "--mine", "--mine"),
            List.of("-p"),
            List.of("-p", "--mine"),
            List.of("--node-id", "--mine", "-p", "1"),
            List.of("-p", "x"),
            List.of("-p", "0x10"),
            List.of("-p", "+5"),
            List.of("-p", "99999999999"),
            List.of("--port", ""),
            List.of("--nope", "-p", "1"),
            List.of("-p", "1", "extra"),
            List.of("--", "-p", "1"),
            List.of("@args.txt"),
            List.of("-mp", "1"),
            List.of("-p", "1", "--help"),
            List.of("-V"));

    @Test
    void whatItReadsIsWhatPicocliReads() {
        for (List<String> args : PLAIN) {
            Optional<Map<NodeOption, Object>> fast = NodeArgs.read(args.toArray(String[]::new));
            assertThat(fast).as("read without picocli: %s", args).isPresent();
            assertThat(fast.get()).as("the values of %s", args).isEqualTo(picocli(args));
        }
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        for (List<String> args : LEFT_TO_PICOCLI) {
            assertThat(NodeArgs.read(args.toArray(String[]::new))).as("left to picocli: %s", args).isEmpty();
        }
    }

    @Test
    void valuesHaveTheTypesTheNodeReads() {
        Map<NodeOption, Object> v = NodeArgs.read(new String[] {"-p", "5000", "--data-dir", "d", "--controller-pid",
                "7", "-b", "x:1"}).orElseThrow();
        assertThat(v.get(NodeOption.PORT)).isEqualTo(5000);
        assertThat(v.get(NodeOption.DATA_DIR)).isEqualTo(Path.of("d"));
        assertThat(v.get(NodeOption.CONTROLLER_PID)).isEqualTo(7L);
        assertThat(v.get(NodeOption.BOOT_NODE)).isEqualTo(List.of("x:1"));
        assertThat(v.get(NodeOption.HOST)).isEqualTo("0.0.0.0");
        assertThat(v.get(NodeOption.MINE)).isEqualTo(false);
        assertThat(v.get(NodeOption.RPC_ALLOW_IP)).isEqualTo(List.of());
        assertThat(v.get(NodeOption.NODE_ID)).isNull();
    }

    private static Map<NodeOption, Object> picocli(List<String> args) {
        CommandLine node = PowchainCommand.nodeCommandLine();
        node.parseArgs(args.toArray(String[]::new));
        Map<NodeOption, Object> values = new EnumMap<>(NodeOption.class);
        for (NodeOption o : NodeOption.values()) {
            values.put(o, node.getCommandSpec().findOption(o.longName()).getValue());
        }
        return values;
    }
}
