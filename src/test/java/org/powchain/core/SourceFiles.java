package org.powchain.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The project's own Java sources, for the tests that read them ({@link OneClockTest}, {@code wire/PackageRulesTest}). */
public final class SourceFiles {
    private SourceFiles() {}

    /** Every {@code .java} file under {@code root}. */
    public static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
            return files.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
