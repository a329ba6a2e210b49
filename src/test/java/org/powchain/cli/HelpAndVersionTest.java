package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code --help} works on every command and subcommand; {@code --version} prints the version. */
@Tag("unit")
class HelpAndVersionTest {

    /** Every command path: [], [wallet], [wallet, send], [bench, mining], ... */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(PowchainCommand.commandLine(), new ArrayList<>(), all);
        return all.stream();
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        cmd.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(name);
                collect(sub, deeper, all);
            }
        });
    }

    @ParameterizedTest(name = "powchain {0} --help")
    @MethodSource("commands")
    void helpWorksOnEveryCommand(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        // picocli warns on the process's own stderr when a description is not a valid format ("99%" for "99%%")
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        CliRun r;
        try {
            r = CliRun.of(args.toArray(String[]::new));
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).as("picocli's warnings").isEmpty();
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: powchain" + (path.isEmpty() ? "" : " " + String.join(" ", path)))
                .contains("-h, --help");
    }

    @Test
    void thereAreSubcommandsToCheck() {
        assertThat(commands()).contains(List.of("bench", "mining"), List.of("wallet", "send"));
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).matches("powchain \\d+\\.\\d+\\.\\d+[-.\\w]*"); // pom.xml's version
    }
}
