package org.powchain.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.powchain.core.SourceFiles;

/**
 * Which package may use which, read from the source as {@code core/OneClockTest} reads it. The
 * wallet and the light client speak the wire format ({@code wire}) and reach nodes through
 * {@code client}, never through {@code p2p}, the package that also manages peers, as btcd keeps
 * {@code wire/} apart from {@code peer/} and {@code netsync/}. And one class builds the JDK's
 * HttpClient.
 */
@Tag("unit")
class PackageRulesTest {
    private static final Path MAIN = Path.of("src/main/java/org/powchain");
    /** {@code org.powchain.<package>.}: an import, or a name written out in full. */
    private static final Pattern USES = Pattern.compile("\\borg\\.powchain\\.([a-z][a-z0-9]*)\\.");

    @Test
    void theWalletTheLightClientAndTheNodeClientNeverUseP2p() {
        for (String pkg : List.of("wallet", "light", "client")) {
            assertThat(uses(pkg)).as("packages %s uses", pkg).doesNotContain("p2p");
        }
    }

    @Test
    void theWireFormatStandsOnlyOnTheLayersBelowIt() {
        assertThat(uses("wire")).as("packages wire uses").isSubsetOf("core", "consensus", "chain");
        assertThat(uses("client")).as("packages client uses").isSubsetOf("core", "consensus", "wire");
    }

    @Test
    void oneClassBuildsTheJdksHttpClient() {
        Pattern builds = Pattern.compile("HttpClient\\s*\\.\\s*(newBuilder|newHttpClient)\\s*\\(");
        List<String> builders = SourceFiles.javaFiles(MAIN)
                .filter(f -> builds.matcher(SourceFiles.read(f)).find())
                .map(f -> MAIN.relativize(f).toString())
                .sorted()
                .collect(Collectors.toList());
        assertThat(builders).containsExactly(Path.of("client", "HttpClients.java").toString());
    }

    @Test
    void theRuleSeesAnImportOfP2p() {
        Matcher m = USES.matcher("import org.powchain.p2p.WireFormat;\nx = new org.powchain.p2p.Refused(a, b);");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("p2p", "p2p");
        assertThat(uses("p2p")).contains("wire", "client"); // and the scan reads real files
    }

    /** The other powchain packages that {@code pkg}'s main sources name. */
    private static Set<String> uses(String pkg) {
        Path dir = MAIN.resolve(pkg);
        assertThat(dir).isDirectory();
        Set<String> out = new TreeSet<>();
        SourceFiles.javaFiles(dir).forEach(f -> {
            Matcher m = USES.matcher(SourceFiles.read(f));
            while (m.find()) {
                out.add(m.group(1));
            }
        });
        out.remove(pkg);
        return out;
    }
}
