package org.powchain.devnet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which nodes a devnet links at start: each node is given the nodes it is linked to as boot nodes.
 * Peers then swap peer lists as they do on any network, so a topology is where gossip starts,
 * not a wall: a split is made with link faults ({@link Devnet#split}).
 */
final class Topology {
    /** An undirected link between nodes {@code a < b}. */
    record Link(int a, int b) {
        Link {
            if (a == b) {
                throw new IllegalArgumentException("a node cannot link to itself: " + a);
            }
            if (a > b) {
                int t = a;
                a = b;
                b = t;
            }
        }
    }

    private Topology() {}

    /** {@code ring}, {@code star} (node 0 in the middle), {@code random} (a random tree plus as many extra links, seeded) or a file. */
    static List<Link> links(String kind, int nodes, long seed) {
        Set<Link> links = new LinkedHashSet<>();
        switch (kind) {
            case "ring" -> {
                for (int i = 0; i + 1 < nodes; i++) {
                    links.add(new Link(i, i + 1));
                }
                if (nodes > 2) {
                    links.add(new Link(nodes - 1, 0));
                }
            }
            case "star" -> {
                for (int i = 1; i < nodes; i++) {
                    links.add(new Link(0, i));
                }
            }
            case "random" -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 1; i < nodes; i++) { // a random tree: connected whatever the seed
                    links.add(new Link(random.nextInt(i), i));
                }
                for (int extra = 0; extra < nodes - 1 && nodes > 2; extra++) {
                    int a = random.nextInt(nodes);
                    int b = random.nextInt(nodes);
                    if (a != b) {
                        links.add(new Link(a, b));
                    }
                }
            }
            default -> links.addAll(fromFile(Path.of(kind), nodes));
        }
        return new ArrayList<>(links);
    }

    /** One link a line, {@code a b} (node indices from 0); blank lines and {@code #} comments skipped. */
    private static List<Link> fromFile(Path file, int nodes) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--topology is ring, star, random or a file of \"a b\" lines; "
                    + file + " cannot be read: " + e.getMessage());
        }
        List<Link> links = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] ends = line.split("[\\s,-]+");
            try {
                int a = Integer.parseInt(ends[0]);
                int b = Integer.parseInt(ends[1]);
                if (ends.length != 2 || a < 0 || b < 0 || a >= nodes || b >= nodes) {
                    throw new NumberFormatException();
                }
                links.add(new Link(a, b));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected two node indices 0.."
                        + (nodes - 1) + " (\"0 1\"), not \"" + lines.get(n) + "\"");
            }
        }
        return links;
    }

    static List<Integer> neighbours(List<Link> links, int node) {
        List<Integer> out = new ArrayList<>();
        for (Link l : links) {
            if (l.a() == node) {
                out.add(l.b());
            } else if (l.b() == node) {
                out.add(l.a());
            }
        }
        return out;
    }
}
