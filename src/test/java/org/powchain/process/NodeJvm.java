package org.powchain.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.powchain.devnet.Devnet;
import org.powchain.devnet.NodeLauncher;

/**
 * The node JVMs the tests start run as a user's do: from jars, mapping a class-data archive of
 * what a node loads, which cuts each start by about 0.9 s of CPU (docs/TESTING.md). Surefire runs
 * the tests from class directories, which an archive cannot hold, so the first test that starts a
 * node packs each directory of this classpath into a jar beside it, records the archive on that
 * classpath once ({@code powchain startup-training}, as the launcher does), and names the classpath
 * to {@link NodeLauncher} ({@link NodeLauncher#CLASSPATH_PROPERTY}). If recording fails, nodes start
 * without an archive, only slower.
 */
public final class NodeJvm {
    private static List<String> archiveFlags;

    private NodeJvm() {}

    /** The flags that map the tests' archive, made at the first call; none if it could not be made. */
    public static synchronized List<String> archiveFlags() {
        if (archiveFlags == null) {
            archiveFlags = prepare();
        }
        return archiveFlags;
    }

    /** A devnet node's JVM flags ({@link Devnet#NODE_JVM_FLAGS}), mapping the tests' archive. */
    public static List<String> devnetFlags() {
        List<String> flags = new ArrayList<>(archiveFlags());
        flags.addAll(Devnet.NODE_JVM_FLAGS);
        return flags;
    }

    private static List<String> prepare() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "node-jvm")).toAbsolutePath();
            List<String> classpath = new ArrayList<>();
            // surefire's own classpath may be one jar whose manifest names the rest: ask for the rest
            String tests = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : tests.split(File.pathSeparator)) {
                Path p = Path.of(entry);
                classpath.add(Files.isDirectory(p) ? jar(p, dir.resolve(p.getFileName() + ".jar")).toString() : entry);
            }
            System.setProperty(NodeLauncher.CLASSPATH_PROPERTY, String.join(File.pathSeparator, classpath));
            Path archive = dir.resolve(NodeLauncher.javaMajor() >= 25 ? "node.aot" : "node.jsa");
            Files.deleteIfExists(archive);
            NodeLauncher.recordArchive(archive, dir.resolve("training.log"));
            List<String> flags = new ArrayList<>(NodeLauncher.useArchive(archive));
            // a stale or unreadable archive is skipped quietly, as the launcher skips it
            flags.addAll(NodeLauncher.javaMajor() >= 25 ? List.of("-Xlog:aot=off", "-Xlog:cds=off")
                    : List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            return List.copyOf(flags);
        } catch (IOException e) {
            System.err.println("NodeJvm: nodes start without a class-data archive: " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * Packs {@code classes} into {@code jar}: folders too, which a class-path resource lookup may ask
     * for. Written beside it and moved in place, so a node still running from the old jar keeps it.
     */
    private static Path jar(Path classes, Path jar) throws IOException {
        Path next = jar.resolveSibling(jar.getFileName() + ".next");
        try (OutputStream file = Files.newOutputStream(next); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path f : (Iterable<Path>) files.filter(f -> !f.equals(classes)).sorted()::iterator) {
                String name = classes.relativize(f).toString().replace(File.separatorChar, '/');
                boolean folder = Files.isDirectory(f);
                out.putNextEntry(new ZipEntry(folder ? name + "/" : name));
                if (!folder) {
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
