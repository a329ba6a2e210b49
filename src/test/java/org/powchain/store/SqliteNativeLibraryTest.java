package org.powchain.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.powchain.consensus.AccountLedger;
import org.sqlite.SQLiteJDBCLoader;

/** SQLite's native library comes from one cached copy, and sqlite-jdbc leaves /tmp alone. */
@Tag("unit")
class SqliteNativeLibraryTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryIsLoadedFromTheCacheAndNothingIsUnpackedIntoTheTempDir() throws Exception {
        String unpacked = "sqlite-" + SQLiteJDBCLoader.getVersion(); // how sqlite-jdbc names its copies in /tmp
        long before = copiesIn(Path.of(System.getProperty("java.io.tmpdir")), unpacked);

        SqliteStore.open(dir, AccountLedger.INSTANCE).close();

        Path cache = Path.of(System.getProperty("org.sqlite.lib.path"));
        assertThat(cache.resolve(System.getProperty("org.sqlite.lib.name"))).isRegularFile();
        assertThat(SQLiteJDBCLoader.isNativeMode()).as("SQLite runs native code").isTrue();
        assertThat(copiesIn(Path.of(System.getProperty("java.io.tmpdir")), unpacked)).isEqualTo(before);
        // sqlite-jdbc lists its temp dir for stale copies at every start: only the cache, not all of /tmp
        assertThat(Path.of(System.getProperty("org.sqlite.tmpdir"))).isEqualTo(cache);
    }

    private static long copiesIn(Path tmp, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }
}
