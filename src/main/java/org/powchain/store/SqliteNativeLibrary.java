package org.powchain.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where sqlite-jdbc loads SQLite's native library from. Left to itself it unpacks the library
 * from the jar into {@code /tmp} under a new name at every start (reading the 1 MB twice to
 * compare checksums) and deletes it at exit. Here it is unpacked once per sqlite-jdbc version
 * into a cache directory ({@code $XDG_CACHE_HOME/powchain}, else {@code ~/.cache/powchain}) and
 * loaded from there through sqlite-jdbc's own {@code org.sqlite.lib.path} and
 * {@code org.sqlite.lib.name} properties (and {@code org.sqlite.tmpdir}, where it looks for
 * stale copies of its own). Anything unusual (properties already set, no writable
 * home, a platform without a bundled library) leaves sqlite-jdbc's default alone.
 */
final class SqliteNativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static boolean done;

    private SqliteNativeLibrary() {}

    static synchronized void useCachedCopy() {
        if (done) {
            return;
        }
        done = true;
        if (System.getProperty("org.sqlite.lib.path") != null || System.getProperty("org.sqlite.lib.name") != null) {
            return;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String folder = LibraryLoaderUtil.getNativeLibResourcePath(); // "/org/sqlite/native/Linux/x86_64"
        String resource = folder + "/" + name;
        try {
            String platform = folder.substring(folder.lastIndexOf("/native/") + "/native/".length()).replace('/', '-');
            Path dir = cacheRoot().resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + platform);
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                unpack(resource, dir, lib);
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
            // At every start sqlite-jdbc lists its temp dir for copies it unpacked earlier (18 ms with
            // 1,500 files in /tmp). It unpacks nothing now, so the cache dir is the one to look in.
            if (System.getProperty("org.sqlite.tmpdir") == null) {
                System.setProperty("org.sqlite.tmpdir", dir.toString());
            }
        } catch (IOException | RuntimeException e) {
            log.debug("SQLite's native library stays with sqlite-jdbc's default ({})", e.toString());
        }
    }

    /** Written under a temporary name and moved into place, so a reader never sees half a library. */
    private static void unpack(String resource, Path dir, Path lib) throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in sqlite-jdbc");
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, lib.getFileName().toString(), ".tmp");
            try {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path root = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return root.resolve("powchain");
    }
}
