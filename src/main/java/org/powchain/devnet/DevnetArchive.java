package org.powchain.devnet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A devnet as one file a class can share: a zip holding {@code devnet.json} (the spec, with the
 * shares as they are now and the topology written out as its links), {@code topology.txt}, and each
 * node's database, {@code nI/chain.db}, copied while the nodes run ({@link Snapshots#vacuumInto}).
 * Importing unpacks it into a devnet's dir; started there, every node has the chain it had.
 */
public final class DevnetArchive {
    static final String SPEC = "devnet.json";
    static final String TOPOLOGY = "topology.txt";

    private DevnetArchive() {}

    /** Writes {@code devnet} to {@code file}. */
    static void export(DevnetSpec spec, List<Double> shares, List<Topology.Link> links, List<DevnetNode> nodes, Path file)
            throws IOException {
        Path tmp = Files.createTempDirectory("powchain-devnet-export");
        try {
            Path part = file.resolveSibling(file.getFileName() + ".part");
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(part))) {
                double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
                List<Double> scaled = shares.stream().map(x -> sum > 0 ? x / sum : 0.0).toList(); // sum to 1, as a spec's do
                ObjectNode s = LocalHttp.JSON.valueToTree(spec.withShares(scaled));
                s.put("topology", TOPOLOGY);
                put(zip, SPEC, LocalHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
                StringBuilder t = new StringBuilder("# the links of the exported devnet (" + spec.topology() + ")\n");
                links.forEach(l -> t.append(l.a()).append(' ').append(l.b()).append('\n'));
                put(zip, TOPOLOGY, t.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (DevnetNode n : nodes) {
                    Path db = n.dataDir().resolve(Snapshots.DB_FILE);
                    if (Files.exists(db)) {
                        Path copy = tmp.resolve(n.id() + ".db");
                        Snapshots.vacuumInto(db, copy);
                        put(zip, n.id() + "/" + Snapshots.DB_FILE, Files.readAllBytes(copy));
                    }
                }
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Devnet.deleteTree(tmp);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Unpacks {@code file} into {@code dir} (the nodes' databases, replacing any there, and the
     * topology) and returns its spec on the ports given.
     */
    public static DevnetSpec unpack(Path file, Path dir, int basePort, int controlPort) throws IOException {
        Files.createDirectories(dir);
        DevnetSpec spec = null;
        List<String> nodesSeen = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName();
                if (name.equals(SPEC)) {
                    spec = LocalHttp.JSON.readValue(zip.readAllBytes(), DevnetSpec.class);
                } else if (name.equals(TOPOLOGY)) {
                    Files.write(dir.resolve(TOPOLOGY), zip.readAllBytes());
                } else if (name.matches("n[0-9]{1,3}/" + Snapshots.DB_FILE)) {
                    Path nodeDir = dir.resolve(name.substring(0, name.indexOf('/')));
                    Devnet.deleteTree(nodeDir);
                    Files.createDirectories(nodeDir);
                    copy(zip, nodeDir.resolve(Snapshots.DB_FILE));
                    nodesSeen.add(nodeDir.getFileName().toString());
                } else {
                    throw new IOException(file + " is not an exported devnet: it holds " + name);
                }
            }
        }
        if (spec == null) {
            throw new IOException(file + " is not an exported devnet: it has no " + SPEC);
        }
        return new DevnetSpec(spec.nodes(), basePort, controlPort, dir.resolve(TOPOLOGY).toString(), spec.shares(),
                spec.blockInterval(), spec.txRate(), spec.seed(), spec.difficulty(), spec.ledger());
    }

    private static void copy(InputStream in, Path to) throws IOException {
        try (OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
        }
    }
}
