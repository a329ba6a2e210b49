package org.powchain.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One clock per process: every read of the wall clock goes through {@link WallClock}, so the
 * second run of the fast tests with the clock moved ten years ahead (the pom's
 * {@code clock-ten-years-ahead} execution) moves every clock a node or a test reads, and a test
 * that mixes a fixed clock with the real one fails on that run instead of on some future date.
 */
@Tag("unit")
class OneClockTest {
    private static final Pattern READS_THE_WALL_CLOCK = Pattern.compile(
            "System\\s*(\\.|::)\\s*currentTimeMillis|Instant\\.now\\(|(LocalDate|LocalDateTime|ZonedDateTime|OffsetDateTime|LocalTime)\\.now\\("
                    + "|new\\s+Date\\(\\s*\\)|Clock\\.system(UTC|DefaultZone)\\(");

    @Test
    void onlyWallClockReadsTheWallClock() {
        List<String> offenders = Stream.of(Path.of("src/main/java"), Path.of("src/test/java"))
                .flatMap(SourceFiles::javaFiles)
                .filter(f -> !f.endsWith(Path.of("org/powchain/core/WallClock.java")) && !f.endsWith(Path.of("org/powchain/core/OneClockTest.java")))
                .filter(f -> READS_THE_WALL_CLOCK.matcher(SourceFiles.read(f)).find())
                .map(Path::toString)
                .sorted()
                .collect(Collectors.toList());
        assertThat(offenders).as("files that read the wall clock without WallClock").isEmpty();
    }

    @Test
    void theSkewMovesTheClockTheNodeReads() {
        long before = System.currentTimeMillis();
        long read = WallClock.millis();
        long after = System.currentTimeMillis();
        assertThat(read - WallClock.skewMillis()).isBetween(before, after);
    }
}
