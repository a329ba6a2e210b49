package org.powchain.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./powchain} launcher's choice of Java. It runs a copy of the script beside a stand-in
 * jar, with fake JDKs (a {@code release} file and a {@code bin/java} script that only echoes), so
 * no JVM starts and nothing is built.
 */
@Tag("process")
class LauncherTest {
    /** How the launcher runs the fake JDK 17 without an archive: the miner's --add-opens, then the jar. */
    private static final String RAN_17 = "fake java 17 ran: --add-opens java.base/sun.security.provider=ALL-UNNAMED -jar ";

    @TempDir
    Path dir;

    @Test
    void saysSoWhenANewerJdkIsInstalledThanTheOneItRuns() throws Exception {
        Path java17 = fakeJdk(dir.resolve("in-use"), "17.0.15");
        Path jdks = dir.resolve("jvm");
        fakeJdk(jdks.resolve("jdk-21"), "21.0.2");
        Path java99 = fakeJdk(jdks.resolve("jdk-99"), "99.0.1");

        Result r = launch(java17, jdks);

        assertThat(r.out).startsWith(RAN_17).endsWith("powchain.jar --version\n");
        assertThat(r.err).isEqualTo("powchain: using Java 17 (" + java17 + "); Java 99 is installed at " + java99
                + " (to use it: JAVA_HOME=" + java99 + " ./powchain ...; mining figures for both: docs/PERFORMANCE.md)\n");
    }

    @Test
    void saysItOnceThenOnlyWhenAskedForTheVersion() throws Exception {
        Path java17 = fakeJdk(dir.resolve("in-use"), "17.0.15");
        Path jdks = dir.resolve("jvm");
        Path java25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        String line = "powchain: using Java 17 (" + java17 + "); Java 25 is installed at " + java25;

        Result first = launch(java17, jdks, false, "-p", "5000");
        Result second = launch(java17, jdks, false, "-p", "5000");
        Result version = launch(java17, jdks, false, "--version");
        // a JDK installed after the launcher last looked (file times, not the node's clock)
        Path cache = dir.resolve("repo/target/.launcher-jdk");
        Files.setLastModifiedTime(jdks, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 60_000));
        Result afterAJdkChanged = launch(java17, jdks, false, "-p", "5000");

        assertThat(first.err).startsWith(line);
        assertThat(second.err).isEmpty();
        assertThat(second.out).isEqualTo(RAN_17 + dir.resolve("repo/target/powchain.jar") + " -p 5000\n");
        assertThat(version.err).startsWith(line);
        assertThat(afterAJdkChanged.err).startsWith(line);
    }

    @Test
    void staysQuietWhenNothingNewerIsInstalled() throws Exception {
        Path java25 = fakeJdk(dir.resolve("in-use"), "25.0.3");
        Path jdks = dir.resolve("jvm");
        fakeJdk(jdks.resolve("jdk-17"), "17.0.15");
        fakeJdk(jdks.resolve("jdk-8"), "1.8.0_402");
        Files.createDirectories(jdks.resolve("not-a-jdk"));

        Result r = launch(java25, jdks);

        assertThat(r.out).startsWith("fake java 25 ran:");
        assertThat(r.err).isEmpty();
    }

    @Test
    void staysQuietWhenTheJdkDirectoryIsMissing() throws Exception {
        Result r = launch(fakeJdk(dir.resolve("in-use"), "17.0.15"), dir.resolve("no-such-dir"));

        assertThat(r.out).startsWith("fake java 17 ran:");
        assertThat(r.err).isEmpty();
    }

    @Test
    void recordsAndMapsTheArchiveWithTheAddOpensADevnetStartsItsNodesWith() throws Exception {
        Path java25 = fakeJdk(dir.resolve("in-use"), "25.0.1");
        Path archive = dir.resolve("repo/target/powchain-java25.aot");
        String opens = "--add-opens java.base/sun.security.provider=ALL-UNNAMED --enable-native-access=ALL-UNNAMED";

        launch(java25, dir.resolve("no-jdks"), true, "-p", "5000");
        List<String> runs = Files.readAllLines(java25.resolve("runs.log"));

        // JDK 25 refuses a whole AOT cache when a run's --add-opens differ from the recording's
        assertThat(String.join(" ", org.powchain.devnet.NodeLauncher.command(List.of(), List.of()))).contains(
                Runtime.version().feature() >= 22 ? opens : opens.substring(0, opens.indexOf(" --enable")));
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)).startsWith("-XX:AOTCacheOutput=").contains(opens).endsWith("startup-training");
        assertThat(runs.get(1)).startsWith("-XX:AOTCache=" + archive).contains(opens).endsWith("-p 5000");
    }

    @Test
    void recordsAClassDataArchiveOnceThenMapsIt() throws Exception {
        Path java17 = fakeJdk(dir.resolve("in-use"), "17.0.15");
        Path archive = dir.resolve("repo/target/powchain-java17.jsa");

        Result first = launch(java17, dir.resolve("no-jdks"), true);
        Result second = launch(java17, dir.resolve("no-jdks"), true);

        assertThat(first.err).contains("recording the classes a node loads into " + archive);
        assertThat(archive).exists();
        assertThat(second.err).isEmpty();
        assertThat(second.out).startsWith("fake java 17 ran: -XX:SharedArchiveFile=" + archive);
    }

    @Test
    void aSimulationRunsWithTheParallelCollectorUnlessPowchainJavaOptsNamesOne() throws Exception {
        Path java17 = fakeJdk(dir.resolve("in-use"), "17.0.15");

        assertThat(launch(java17, dir.resolve("no-jdks"), false, "simulate", "network", "--threads", "2").out)
                .contains("-XX:+UseParallelGC").endsWith("-jar " + dir.resolve("repo/target/powchain.jar") + " simulate network --threads 2\n");
        assertThat(launch(java17, dir.resolve("no-jdks"), false, "bench", "simulate").out).contains("-XX:+UseParallelGC");
        // a node answers requests: it keeps the JVM's default collector, as do the other benchmarks
        assertThat(launch(java17, dir.resolve("no-jdks"), false, "-p", "5000").out).doesNotContain("GC");
        assertThat(launch(java17, dir.resolve("no-jdks"), false, "bench", "mining").out).doesNotContain("GC");
        javaOpts = "-Xmx1g -XX:+UseG1GC";
        assertThat(launch(java17, dir.resolve("no-jdks"), false, "simulate", "network").out)
                .contains("-Xmx1g -XX:+UseG1GC").doesNotContain("ParallelGC");
    }

    private record Result(String out, String err) {}

    /** POWCHAIN_JAVA_OPTS for the next launches; none by default. */
    private String javaOpts;

    /** Runs a copy of ./powchain with JAVA_HOME at {@code javaHome} and JDKs searched for in {@code jdks}. */
    private Result launch(Path javaHome, Path jdks) throws IOException, InterruptedException {
        return launch(javaHome, jdks, false);
    }

    private Result launch(Path javaHome, Path jdks, boolean archive) throws IOException, InterruptedException {
        return launch(javaHome, jdks, archive, "--version");
    }

    /** @param archive whether the launcher may make and map a class-data archive (off: its first-run line stays out of stderr) */
    private Result launch(Path javaHome, Path jdks, boolean archive, String... args) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path launcher = repo.resolve("powchain");
        if (!Files.exists(launcher)) {
            Files.copy(Path.of("powchain"), launcher);
            Files.createDirectories(repo.resolve("target"));
            Files.writeString(repo.resolve("target/powchain.jar"), "stand-in: no pom.xml or src/main beside it, so no build");
            Files.setLastModifiedTime(repo.resolve("target/powchain.jar"), java.nio.file.attribute.FileTime.fromMillis(0));
        }

        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("POWCHAIN_JDK_ROOT", jdks.toString());
        env.remove("POWCHAIN_JAVA_OPTS");
        if (javaOpts != null) {
            env.put("POWCHAIN_JAVA_OPTS", javaOpts);
        }
        if (archive) {
            env.remove("POWCHAIN_NO_ARCHIVE");
        } else {
            env.put("POWCHAIN_NO_ARCHIVE", "1");
        }
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the launcher returns").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit status; stderr: %s", err).isZero();
        return new Result(out, err);
    }

    /** A JDK directory as the launcher sees one: a release file and an executable bin/java. */
    private static Path fakeJdk(Path home, String version) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        String major = version.startsWith("1.") ? version.split("\\.")[1] : version.split("\\.")[0];
        // Like a real JDK writing its archive at exit when asked to (-XX:ArchiveClassesAtExit=FILE, or
        // JDK 25's -XX:AOTCacheOutput=FILE); every run's arguments are also kept in runs.log beside bin/.
        Files.writeString(java, "#!/bin/sh\necho \"fake java " + major + " ran: $*\"\n"
                + "echo \"$*\" >> \"$(dirname \"$0\")/../runs.log\"\n"
                + "for a in \"$@\"; do case \"$a\" in -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*) echo archive > \"${a#*=}\";; esac;"
                + " done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
