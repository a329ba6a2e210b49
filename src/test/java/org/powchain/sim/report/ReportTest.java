package org.powchain.sim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class ReportTest {
    @TempDir
    Path tmp;

    /** A report like double-spend --sweep writes: measured points with 99% intervals, two closed forms, a log axis. */
    static Report sampleReport() {
        double[] z = {1, 2, 3, 4, 5, 6};
        double[] measured = {0.21, 0.06, 0.012, 0.004, 0.0, 0.0005};
        double[] low = {0.18, 0.045, 0.006, 0.001, 0.0, 0.0001};
        double[] high = {0.24, 0.08, 0.02, 0.009, 0.002, 0.002};
        double[] nakamoto = {0.2045873, 0.0509779, 0.0131722, 0.0034552, 0.0009137, 0.0002428};
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("attacker-share", 0.1);
        parameters.put("trials", 10_000);
        parameters.put("seed", 42L);
        parameters.put("note", "<b>not bold</b> & \"quoted\"");
        return new Report("double-spend", parameters)
                .addChart(Chart.builder("success-vs-confirmations")
                        .title("Double-spend success against confirmations, q = 0.1")
                        .xLabel("confirmations z").yLabel("success probability").logY()
                        .series(Chart.Series.markers("simulated", z, measured).withErrorBars(low, high))
                        .series(Chart.Series.line("Nakamoto §11", z, nakamoto))
                        .build())
                .addChart(Chart.builder("plain.png").title("A line").xLabel("x").yLabel("y").size(400, 300)
                        .series(Chart.Series.line("y = x²", new double[] {0, 1, 2}, new double[] {0, 1, 4})
                                .withStyle(Chart.Style.LINE_AND_MARKERS))
                        .build())
                .addTable("trials", List.of("z", "successes", "comment"), List.of(
                        List.of(1, 2100, "plain"),
                        List.of(2, 600, "with, comma"),
                        List.of(3, 120, "with \"quotes\""),
                        Arrays.asList(4, 40, "two\nlines"),
                        Arrays.asList(5, 0.000125, null)))
                .addTable("summary", List.of("successRate", "ci99"),
                        List.of(List.of(0.0123, new double[] {0.01, 0.015})))
                .setExplanation("Each marker is the share of trials the attacker won, with its 99% Wilson interval.\n\n"
                        + "The line is Nakamoto's formula; 1 < 2 & so on.");
    }

    @Test
    void writesEveryChartAsAPngEveryTableAsCsvAndTheHtml() throws IOException {
        Path dir = tmp.resolve("out/nested");
        sampleReport().write(dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "plain.png", "report.html", "success-vs-confirmations.png", "summary.csv", "trials.csv");
        }
        BufferedImage big = ImageIO.read(dir.resolve("success-vs-confirmations.png").toFile());
        assertThat(big.getWidth()).isEqualTo(800);
        assertThat(big.getHeight()).isEqualTo(500);
        BufferedImage small = ImageIO.read(dir.resolve("plain.png").toFile());
        assertThat(small.getWidth()).isEqualTo(400);
        assertThat(small.getHeight()).isEqualTo(300);
        assertThat(distinctColours(big)).as("a drawn chart, not a blank canvas").isGreaterThan(10);
    }

    @Test
    void csvFollowsRfc4180AndParsesBack() throws IOException {
        sampleReport().write(tmp);
        String text = Files.readString(tmp.resolve("trials.csv"), StandardCharsets.UTF_8);
        assertThat(text).startsWith("z,successes,comment\r\n1,2100,plain\r\n")
                .contains("\"with, comma\"").contains("\"with \"\"quotes\"\"\"").endsWith("5,1.25E-4,\r\n");
        assertThat(parseCsv(text)).containsExactly(
                List.of("z", "successes", "comment"),
                List.of("1", "2100", "plain"),
                List.of("2", "600", "with, comma"),
                List.of("3", "120", "with \"quotes\""),
                List.of("4", "40", "two\nlines"),
                List.of("5", "1.25E-4", ""));
        assertThat(parseCsv(Files.readString(tmp.resolve("summary.csv")))).containsExactly(
                List.of("successRate", "ci99"), List.of("0.0123", "[0.01, 0.015]"));
    }

    @Test
    void htmlShowsParametersChartsDataAndExplanationEscaped() throws IOException {
        sampleReport().write(tmp);
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<title>powchain simulate double-spend</title>")
                .contains("<img src=\"success-vs-confirmations.png\" alt=\"Double-spend success against confirmations, q = 0.1: "
                        + "success probability against confirmations z, series simulated, Nakamoto §11\"")
                .contains("<img src=\"plain.png\"")
                .contains("<a href=\"trials.csv\">").contains("<a href=\"summary.csv\">")
                .contains("<td>attacker-share</td><td>0.1</td>").contains("<td>trials</td><td>10000</td>")
                .contains("&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;")
                .contains("<p>Each marker is the share").contains("<p>The line is Nakamoto&#39;s formula; 1 &lt; 2 &amp; so on.</p>")
                .doesNotContain("<b>not bold").doesNotContain("http://").doesNotContain("https://")
                .doesNotContain("<script");
    }

    @Test
    void theSameInputsGiveByteIdenticalCsvAndHtml() throws IOException {
        sampleReport().write(tmp.resolve("a"));
        sampleReport().write(tmp.resolve("b"));
        for (String f : List.of("report.html", "trials.csv", "summary.csv", "plain.png", "success-vs-confirmations.png")) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(f))).as(f)
                    .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
        }
    }

    @Test
    void aSeriesKeepsItsPointsWhenTheCallersArraysChange() {
        double[] x = {1, 2};
        double[] y = {3, 4};
        Chart.Series s = Chart.Series.line("s", x, y);
        x[0] = 99;
        s.y()[0] = 99;
        assertThat(s.x()).containsExactly(1, 2);
        assertThat(s.y()).containsExactly(3, 4);
        assertThat(s).isEqualTo(Chart.Series.line("s", new double[] {1, 2}, new double[] {3, 4}));
    }

    @Test
    void refusesUnsafeOrRepeatedFileNamesAndRaggedRows() {
        Report r = new Report("x", Map.of());
        assertThatThrownBy(() -> r.addTable("../escape", List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.builder("a/b").series(Chart.Series.line("s", new double[0], new double[0])).build())
                .isInstanceOf(IllegalArgumentException.class);
        r.addTable("t", List.of("a", "b"), List.of(List.of(1, 2)));
        assertThatThrownBy(() -> r.addTable("t", List.of("a"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> r.addTable("u", List.of("a", "b"), List.of(List.of(1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.Series.line("s", new double[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Chart.builder("empty").build()).isInstanceOf(IllegalArgumentException.class);
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** A strict RFC 4180 reader: CRLF records, quoted fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && text.startsWith("\r\n", i)) {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                assertThat(c).as("bare CR, LF or quote at %s", i).isNotIn('\r', '\n', '"');
                field.append(c);
                i++;
            }
        }
        assertThat(record).as("last record ends with CRLF").isEmpty();
        return records;
    }
}
