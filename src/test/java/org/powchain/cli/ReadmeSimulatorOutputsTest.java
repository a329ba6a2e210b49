package org.powchain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's simulator outputs are what the command prints today: each quick {@code ./powchain
 * simulate} command the README shows is run, and every {@code key: value} it quotes under the
 * command must be printed with the same value. The README's double spend drifted once (made
 * before the trials were batched on one network) without anything noticing.
 */
@Tag("sim")
class ReadmeSimulatorOutputsTest {
    /** Scenarios whose README example takes more than a few seconds; SIMULATION.md says how they were checked. */
    static final List<String> TOO_LONG_FOR_THE_SUITE = List.of("selfish-mining", "--config");

    static final Pattern PAIR = Pattern.compile("(\\w+): (\\S+)");

    record Example(String command, Map<String, String> quoted) {
        @Override
        public String toString() {
            return command;
        }
    }

    static Stream<Example> examples() throws Exception {
        List<Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("./powchain simulate ")) {
                continue;
            }
            Map<String, String> quoted = new LinkedHashMap<>();
            for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("# "); j++) {
                Matcher m = PAIR.matcher(lines.get(j));
                while (m.find()) {
                    if (!m.group(2).contains("…") && !m.group(2).contains("{")) { // elided JSON is not a value to compare
                        quoted.put(m.group(1), m.group(2));
                    }
                }
            }
            if (!quoted.isEmpty()) {
                examples.add(new Example(line.substring("./powchain ".length()), quoted));
            }
        }
        assertThat(examples).as("the README's simulator examples").hasSizeGreaterThanOrEqualTo(3);
        return examples.stream().filter(e -> TOO_LONG_FOR_THE_SUITE.stream().noneMatch(e.command()::contains));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void printsWhatTheReadmeQuotes(Example example) {
        String out = SimulateCommandTest.run(example.command().split(" +"));
        Map<String, String> printed = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            Matcher m = PAIR.matcher(line);
            if (m.lookingAt()) {
                printed.put(m.group(1), m.group(2));
            }
        }
        assertThat(printed).as("`%s` prints (README.md quotes %s)", example.command(), example.quoted())
                .containsAllEntriesOf(example.quoted());
        assertThat(Arrays.asList(example.command().split(" "))).contains("--seed");
    }
}
