package org.powchain.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Snapshots of every node's database, taken while the nodes run: SQLite's {@code VACUUM INTO}
 * writes a consistent copy of a database that other connections (the node's own, in WAL mode) keep
 * writing to, as of one read transaction. The devnet takes them under its lock, so its miner
 * schedule adds no block meanwhile. Restoring puts the copies in place and so does stop the
 * nodes: a database cannot be swapped under a running node.
 */
final class Snapshots {
    /** The node's database file in its data dir (store/SqliteDatabase.DB_FILE). */
    static final String DB_FILE = "chain.db";

    private final Path root;
    private final NodeProcesses nodes;

    Snapshots(Path dir, NodeProcesses nodes) {
        this.root = dir.resolve("snapshots");
        this.nodes = nodes;
    }

    /** Copies every node's database to {@code snapshots/NAME/nI/chain.db}; the nodes keep running. */
    Path take(String name) throws IOException {
        Path to = dir(name);
        Path tmp = root.resolve("." + name + ".tmp");
        Devnet.deleteTree(tmp);
        for (DevnetNode n : nodes.all()) {
            Path db = n.dataDir().resolve(DB_FILE);
            if (Files.exists(db)) {
                Files.createDirectories(tmp.resolve(n.id()));
                vacuumInto(db, tmp.resolve(n.id()).resolve(DB_FILE));
            }
        }
        Files.createDirectories(tmp);
        Devnet.deleteTree(to);
        Files.move(tmp, to); // a snapshot is there whole or not at all
        return to;
    }

    /** A consistent copy of the SQLite database {@code db} (in use by its node) at {@code to}. */
    static void vacuumInto(Path db, Path to) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + db);
             PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, to.toString());
            s.execute();
        } catch (SQLException e) {
            throw new IOException("could not copy " + db + ": " + e.getMessage(), e);
        }
    }

    /** Stops every node, puts the databases of snapshot {@code name} in place, and starts again those that ran. */
    void restore(String name, Runnable afterStart) throws IOException {
        Path from = dir(name);
        if (!Files.isDirectory(from)) {
            throw new IllegalArgumentException("no snapshot " + name + " in " + root);
        }
        List<Integer> wasUp = nodes.running();
        nodes.stopEach(30, false);
        for (DevnetNode n : nodes.all()) {
            Devnet.deleteTree(n.dataDir());
            Path db = from.resolve(n.id()).resolve(DB_FILE);
            if (Files.exists(db)) {
                Files.createDirectories(n.dataDir());
                Files.copy(db, n.dataDir().resolve(DB_FILE));
            }
        }
        List<DevnetNode> again = new ArrayList<>();
        wasUp.forEach(i -> again.add(nodes.all().get(i)));
        nodes.start(again);
        afterStart.run();
    }

    /** The snapshots taken, by name. */
    List<String> names() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .sorted().toList();
        }
    }

    Path dir(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}") || name.startsWith(".")) {
            throw new IllegalArgumentException("a snapshot name is 1 to 64 letters, digits, '-', '_' or '.'");
        }
        return root.resolve(name);
    }
}
