package org.powchain.devnet;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line that starts a powchain node in its own JVM: this JVM's java, the classpath it
 * runs from (powchain.jar, or the test classpath), the flags given, then {@code powchain} arguments.
 * Only a JDK and the jar are needed, as for {@code ./powchain} itself.
 */
public final class NodeLauncher {
    /**
     * Names the classpath node JVMs run from, in place of this JVM's. A class-data archive holds only
     * classes read from jars, so a JVM that runs from class directories (the tests, before the jar
     * is packaged) names jars of the same classes here to start its nodes as fast as a user's.
     */
    public static final String CLASSPATH_PROPERTY = "powchain.node.classpath";

    /** As powchain.jar's manifest says: the miner calls the JDK's SHA-256 compression directly. */
    private static final List<String> ADD_OPENS = List.of("--add-opens", "java.base/sun.security.provider=ALL-UNNAMED");

    private NodeLauncher() {}

    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The major version of this JVM (17, 21, 25). */
    public static int javaMajor() {
        return Runtime.version().feature();
    }

    /** {@code java <jvmFlags> -cp <this classpath> org.powchain.cli.Main <args>}. */
    public static List<String> command(List<String> jvmFlags, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(jvmFlags);
        command.addAll(ADD_OPENS);
        command.addAll(nativeAccess());
        command.add("-cp");
        command.add(classpath());
        command.add("org.powchain.cli.Main");
        command.addAll(args);
        return command;
    }

    /** The classpath a node JVM runs from: {@link #CLASSPATH_PROPERTY} if set, else this JVM's. */
    public static String classpath() {
        return System.getProperty(CLASSPATH_PROPERTY, System.getProperty("java.class.path"));
    }

    /**
     * Runs {@code powchain startup-training} in a JVM that writes a class-data archive of what a
     * node loads to {@code archive} as it exits ({@link #writeArchive}); its output goes to {@code log}.
     */
    public static void recordArchive(Path archive, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(writeArchive(archive), List.of("startup-training"))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.exists(archive)) {
            p.destroyForcibly();
            throw new IOException("startup-training did not write " + archive + "; see " + log);
        }
    }

    /**
     * What powchain.jar's manifest allows, said on the command line from JDK 22 (which knows the
     * flag in this form): sqlite-jdbc loads its native library, and JDK 24+ warns at every start
     * unless that is allowed. The launcher says the same, so a JDK 25 AOT cache it records matches.
     */
    private static List<String> nativeAccess() {
        return javaMajor() >= 22 ? List.of("--enable-native-access=ALL-UNNAMED") : List.of();
    }

    /**
     * The flags that map a class-data archive made by {@code startup-training}: JDK 25's AOT cache
     * (classes loaded and linked, and method profiles) when this is JDK 25 or newer, else an AppCDS
     * dynamic archive (classes parsed and verified), which JDK 17 has.
     */
    public static List<String> useArchive(Path archive) {
        return javaMajor() >= 25 ? List.of("-XX:AOTCache=" + archive) : List.of("-XX:SharedArchiveFile=" + archive);
    }

    /** The flags under which a {@code startup-training} run writes {@code archive} as it exits. */
    private static List<String> writeArchive(Path archive) {
        return javaMajor() >= 25 ? List.of("-XX:AOTCacheOutput=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    /**
     * The class-data archive flags this JVM was started with (the {@code ./powchain} launcher adds
     * them), so the nodes a devnet starts map the same archive; flags that would write one are left out.
     */
    public static List<String> inheritedArchiveFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:SharedArchiveFile=") || a.startsWith("-XX:AOTCache="))
                .toList();
    }
}
