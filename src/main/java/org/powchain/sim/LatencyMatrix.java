package org.powchain.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --latency-matrix FILE}: nodes in regions, and the one-way latency between regions. The
 * file is plain text; {@code #} starts a comment. Its first line names the regions; then one line
 * per region, its name and the milliseconds from it to each region in the order of the first line
 * (the diagonal is the latency inside a region); then, optionally, {@code nodes} and one weight per
 * region: the share of nodes placed there (default: equal shares).
 *
 * <pre>
 *        eu   us   asia
 * eu     10   45   120
 * us     45   15    90
 * asia  120   90    25
 * nodes   3    2     1
 * </pre>
 *
 * Nodes are placed by their index, in a fixed pattern that follows the weights (with 3, 2, 1:
 * eu, eu, eu, us, us, asia, eu, ...), so node 0, whichever scenario, is in the first region. Each
 * link draws its latency once, uniformly between half and one and a half times its matrix entry,
 * as {@code --latency-ms} does around its mean.
 */
public record LatencyMatrix(String file, List<String> regions, double[][] millis, int[] pattern) {
    /** Reads and checks {@code file}; the message of a refusal names the flag, the line and what is wrong. */
    public static LatencyMatrix read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--latency-matrix: cannot read " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    static LatencyMatrix parse(String name, List<String> lines) {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).replaceAll("#.*", "").strip();
            if (!l.isEmpty()) {
                rows.add(l.split("[\\s,]+"));
                lineNumbers.add(i + 1);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--latency-matrix " + name + ": empty; the first line names the regions");
        }
        List<String> regions = List.of(rows.get(0));
        int r = regions.size();
        if (rows.size() < r + 1 || rows.size() > r + 2) {
            throw new IllegalArgumentException("--latency-matrix " + name + ": " + r + " regions need " + r
                    + " lines of latencies after the names (and optionally a `nodes` line): found " + (rows.size() - 1));
        }
        double[][] ms = new double[r][r];
        for (int i = 0; i < r; i++) {
            String[] row = rows.get(i + 1);
            int line = lineNumbers.get(i + 1);
            if (!row[0].equals(regions.get(i)) || row.length != r + 1) {
                throw new IllegalArgumentException("--latency-matrix " + name + " line " + line + ": expected `" + regions.get(i)
                        + "` and " + r + " latencies in ms, found: " + String.join(" ", row));
            }
            for (int j = 0; j < r; j++) {
                ms[i][j] = number(name, line, row[j + 1]);
            }
        }
        int[] weights = new int[r];
        Arrays.fill(weights, 1);
        if (rows.size() == r + 2) {
            String[] row = rows.get(r + 1);
            int line = lineNumbers.get(r + 1);
            if (!row[0].equals("nodes") || row.length != r + 1) {
                throw new IllegalArgumentException("--latency-matrix " + name + " line " + line + ": expected `nodes` and " + r
                        + " whole-number weights, found: " + String.join(" ", row));
            }
            for (int j = 0; j < r; j++) {
                double w = number(name, line, row[j + 1]);
                if (w != Math.rint(w) || w > 1_000) {
                    throw new IllegalArgumentException("--latency-matrix " + name + " line " + line
                            + ": a weight is a whole number 0..1000: " + row[j + 1]);
                }
                weights[j] = (int) w;
            }
            if (Arrays.stream(weights).sum() == 0) {
                throw new IllegalArgumentException("--latency-matrix " + name + " line " + line + ": every weight is 0");
            }
        }
        List<Integer> pattern = new ArrayList<>();
        for (int j = 0; j < r; j++) {
            for (int k = 0; k < weights[j]; k++) {
                pattern.add(j);
            }
        }
        return new LatencyMatrix(name, regions, ms, pattern.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double number(String name, int line, String text) {
        try {
            double v = Double.parseDouble(text);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--latency-matrix " + name + " line " + line
                    + ": a latency or weight is a number >= 0: " + text);
        }
    }

    /** The region of node {@code index}. */
    public int region(int index) {
        return pattern[index % pattern.length];
    }

    /** The matrix's mean latency from {@code from}'s region to {@code to}'s, in milliseconds. */
    public double millis(int from, int to) {
        return millis[region(from)][region(to)];
    }
}
