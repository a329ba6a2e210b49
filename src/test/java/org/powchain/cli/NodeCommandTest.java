package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The node command ({@code powchain} with no subcommand), built with picocli's programmatic API:
 * every flag there, in the help, parsed with its default, and refused with the same message and
 * exit code as when it was built from annotations.
 */
@Tag("unit")
class NodeCommandTest {
    /** The original node's flags (-p, --mine, --boot-node, --node-id, --node-ip), then every later one. */
    private static final List<String> OPTIONS = List.of("-p, --port=<port>", "-m, --mine", "-b, --boot-node=HOST:PORT",
            "-i, --node-id=<nodeId>", "-n, --node-ip=<nodeIp>", "--max-peers=N", "--host=<host>", "--difficulty=BITS", "--ledger=MODEL",
            "--threads=<threads>", "--data-dir=DIR", "--reindex", "--rpc-allow-ip=CIDR", "--no-demo-accounts",
            "--link-faults", "--controller-pid=PID", "-h, --help", "-V, --version");

    @TempDir
    static Path dir;

    @Test
    void theHelpListsEveryOption() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: powchain [-hmV]")
                .contains("A proof-of-work blockchain node that shows how the technology works.")
                .contains("Example: powchain -p 5000")
                .contains(OPTIONS)
                .contains("(default:", "0.0.0.0;", "Mining threads (default: all"); // defaults interpolated
        List<OptionSpec> options = PowchainCommand.nodeCommandLine().getCommandSpec().options();
        assertThat(options).hasSameSizeAs(OPTIONS);
        for (OptionSpec o : options) {
            assertThat(r.out()).as(o.longestName()).contains(o.description()[0].substring(0, 25));
        }
    }

    @Test
    void eachFlagParsesWithItsDefault() {
        CommandLine node = PowchainCommand.nodeCommandLine();
        node.parseArgs("-p", "5001", "-b", "localhost:5000", "--boot-node=h:1", "--mine", "--data-dir", "d",
                "--controller-pid", "42");
        assertThat(value(node, "--port")).isEqualTo(5001);
        assertThat(value(node, "-b")).isEqualTo(List.of("localhost:5000", "h:1"));
        assertThat(value(node, "--mine")).isEqualTo(true);
        assertThat(value(node, "--data-dir")).isEqualTo(Path.of("d"));
        assertThat(value(node, "--controller-pid")).isEqualTo(42L);
        assertThat(value(node, "--host")).isEqualTo("0.0.0.0");
        assertThat(value(node, "--reindex")).isEqualTo(false);
        assertThat(value(node, "--rpc-allow-ip")).isEqualTo(List.of());
        assertThat(value(node, "--node-id")).isNull();
    }

    private static Object value(CommandLine cmd, String option) {
        return cmd.getCommandSpec().findOption(option).getValue();
    }

    static Stream<Arguments> refusals() {
        String data = dir.resolve("data").toString();
        return Stream.of(
                Arguments.of("", "Missing required option: '--port=<port>' (e.g. powchain -p 5000)"),
                Arguments.of("-p", "Missing required parameter for option '--port' (<port>)"),
                Arguments.of("-p abc", "Invalid value for option '--port': 'abc' is not an int"),
                Arguments.of("-p 70000", "--port must be 0..65535"),
                Arguments.of("-p 0 --difficulty 0 --data-dir " + data, "--difficulty must be 1..64 bits"),
                Arguments.of("-p 0 --node-id a/b --data-dir " + data, "--node-id must be 1 to 32 letters, digits, '-' or '_'"),
                Arguments.of("-p 0 --threads 0 --data-dir " + data, "--threads must be 1..1024"),
                Arguments.of("-p 0 --max-peers 0 --data-dir " + data, "--max-peers must be 1..1000"),
                Arguments.of("-p 0 --ledger beads --data-dir " + data, "--ledger must be one of account, utxo, got 'beads'"),
                Arguments.of("-p 0 --rpc-allow-ip nonsense --data-dir " + data,
                        "--rpc-allow-ip takes an address or a CIDR block such as 192.168.1.0/24 or fd00::/8, got 'nonsense'"),
                Arguments.of("-p 0 --mine=maybe", "Invalid value for option '--mine': 'maybe' is not a boolean"),
                Arguments.of("-p 0 extra", "Unmatched argument at index 2: 'extra'"));
    }

    @ParameterizedTest(name = "powchain {0}")
    @MethodSource("refusals")
    void aWrongFlagIsRefusedWithItsMessageAndTheUsage(String args, String message) {
        CliRun r = CliRun.of(args.isEmpty() ? new String[0] : args.split(" "));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(message + System.lineSeparator()).contains("Usage: powchain [-hmV]");
    }

    @Test
    void anUnknownFlagIsNamedWithTheNearestOne() {
        CliRun r = CliRun.of("--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("Unknown option: '--bogus'").contains("Possible solutions: --boot-node");
    }

    @Test
    void aNodeRunBuildsTheNodeCommandAloneAndHelpTheWholeTree() {
        assertThat(PowchainCommand.commandLineFor(new String[] {"-p", "5000"}).getSubcommands()).isEmpty();
        assertThat(PowchainCommand.commandLineFor(new String[] {"--help"}).getSubcommands()).containsKeys("wallet", "devnet");
    }
}
