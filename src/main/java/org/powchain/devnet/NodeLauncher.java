package org.powchain.devnet;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a powchain node in its own JVM: this JVM's java, the classpath it
 * runs from (powchain.jar, or the test classpath), the flags given, then {@code powchain} arguments.
 * Only a JDK and the jar are needed, as for {@code ./powchain} itself.
 */
public final class NodeLauncher {
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
        command.add(System.getProperty("java.class.path"));
        command.add("org.powchain.cli.Main");
        command.addAll(args);
        return command;
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
    public static List<String> writeArchive(Path archive) {
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
