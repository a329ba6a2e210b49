package org.powchain.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.cli.Main;
import org.powchain.cli.PowchainCommand;

/**
 * The cluster path run for real where it can be (issue 26, item 9): a one-node Slurm on this
 * machine (Debian's slurm-wlm and munge, started by src/test/resources/slurm/local-slurm.sh in a
 * temporary directory) runs deploy/slurm/simulate-array.sh as an array of 3; the three shards,
 * merged, are byte for byte what one run writes. Where Slurm cannot start (not installed, no
 * permission) the test is skipped, saying why. And the Kubernetes manifest's run fits the heap it gives.
 */
@Tag("cluster")
class ClusterPathTest {
    /** What KubernetesManifestTest asks of the manifest's heap per worker: a 20,000-block selfish-mining run fits in it. */
    static final long HEAP_PER_20000_BLOCK_RUN = 512L << 20;

    static final String[] RUN = {"simulate", "double-spend", "--attacker-share", "0.3", "--confirmations", "2", "--trials", "90",
            "--trials-per-network", "10", "--difficulty", "4", "--seed", "3"};

    @Test
    void threeSlurmArrayTasksMergeIntoTheBytesOfOneRun(@TempDir Path dir) throws Exception {
        Path slurm = Files.createDirectories(dir.resolve("slurm"));
        Path script = Path.of("src/test/resources/slurm/local-slurm.sh").toAbsolutePath();
        Process start = new ProcessBuilder("bash", script.toString(), "start", slurm.toString()).redirectErrorStream(true).start();
        String said = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean started = start.waitFor(120, TimeUnit.SECONDS) && start.exitValue() == 0;
        try {
            Assumptions.assumeTrue(started, "a local Slurm could not start here: " + said.strip());
            Path out = dir.resolve("run");
            Path jar = pathingJar(dir.resolve("powchain.jar"));
            ProcessBuilder sbatch = new ProcessBuilder("sbatch", "--parsable", "--array=0-2", "--wait",
                    "--output=" + slurm.resolve("task-%A_%a.out"), Path.of("deploy/slurm/simulate-array.sh").toAbsolutePath().toString())
                    .directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = sbatch.environment();
            env.put("SLURM_CONF", slurm.resolve("slurm.conf").toString());
            env.put("POWCHAIN_JAR", jar.toString());
            env.put("OUT", out.toString());
            env.put("POWCHAIN_ARGS", String.join(" ", RUN));
            env.put("POWCHAIN_JAVA_OPTS", "-Xmx512m");
            env.put("JAVA_HOME", System.getProperty("java.home"));
            Process job = sbatch.start();
            String jobSaid = new String(job.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(job.waitFor(15, TimeUnit.MINUTES)).as("the array finished").isTrue();
            assertThat(job.exitValue()).as("sbatch --wait: %s; tasks said: %s", jobSaid, tasksSaid(slurm)).isZero();
            assertThat(out).isDirectoryContaining("glob:**/shard-0-of-3.json").isDirectoryContaining("glob:**/shard-1-of-3.json")
                    .isDirectoryContaining("glob:**/shard-2-of-3.json");

            String merged = run("simulate", "merge", out.toString(), "--json", "--out", dir.resolve("merged").toString());
            List<String> one = new ArrayList<>(List.of(RUN));
            one.addAll(List.of("--json", "--out", dir.resolve("single").toString()));
            String single = run(one.toArray(String[]::new));
            assertThat(merged).isEqualTo(single);
            List<String> files;
            try (Stream<Path> s = Files.list(dir.resolve("single"))) {
                files = s.map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertThat(files).contains("report.html", "trials.csv", "double-spend.csv");
            for (String f : files) {
                assertThat(Files.readAllBytes(dir.resolve("merged").resolve(f))).as(f)
                        .isEqualTo(Files.readAllBytes(dir.resolve("single").resolve(f)));
            }
        } finally {
            new ProcessBuilder("bash", script.toString(), "stop", slurm.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The heap per worker that KubernetesManifestTest holds the manifest to is enough: its costliest point, 20,000 blocks, in a JVM of its own. */
    @Test
    void theManifestsRunFitsItsHeap() throws Exception {
        Process p = new ProcessBuilder(java(), "-Xmx" + (HEAP_PER_20000_BLOCK_RUN >> 20) + "m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "simulate", "selfish-mining", "--pool-share", "0.45", "--gamma", "1", "--blocks", "20000", "--runs", "1",
                "--workers", "1", "--json").redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(said.lines().filter(l -> !l.startsWith("selfish-mining ")).toList().toString()).isZero();
        assertThat(said).contains("\"blocksMined\":20000");
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A jar holding nothing but a manifest: the main class, and this test's class path (classes and dependencies) as its own. */
    static Path pathingJar(Path jar) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        a.put(new Attributes.Name("Add-Opens"), "java.base/sun.security.provider");
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toAbsolutePath().toUri().toString());
        }
        a.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (JarOutputStream ignored = new JarOutputStream(Files.newOutputStream(jar), m)) {
            // the manifest is all
        }
        return jar;
    }

    private static String tasksSaid(Path slurm) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(slurm)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("task-")).sorted().toList()) {
                b.append(f.getFileName()).append(": ").append(Files.readString(f).strip()).append('\n');
            }
        }
        return b.toString();
    }

    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(PowchainCommand.commandLine().execute(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
