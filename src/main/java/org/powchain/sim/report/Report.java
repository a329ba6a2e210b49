package org.powchain.sim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code powchain simulate ... --out DIR} writes: each chart as a PNG, each table as a CSV
 * (RFC 4180), and {@code report.html}, one self-contained page (no scripts, nothing fetched) with
 * the parameters, the charts, links to the CSVs and a paragraph on what they mean.
 *
 * <p>The same inputs give byte-identical CSV and HTML: no timestamps, parameters and charts in
 * the order given, numbers formatted without the platform locale. The PNGs come out identical too
 * on the same JDK and fonts (the test checks it), but a different font can move a pixel.
 */
public final class Report {
    static final String HTML_FILE = "report.html";

    private final String scenario;
    private final Map<String, Object> parameters;
    private final List<Chart> charts = new ArrayList<>();
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Set<String> fileNames = new LinkedHashSet<>();
    private String explanation = "";

    private record Table(String fileName, List<String> columns, List<List<Object>> rows) {
    }

    /**
     * @param scenario the scenario's name, the page's title
     * @param parameters what the run was given, shown in this map's iteration order (pass a
     *     {@link LinkedHashMap} to choose it)
     */
    public Report(String scenario, Map<String, Object> parameters) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** One more parameter, shown after those the report was made with. */
    public Report addParameter(String name, Object value) {
        parameters.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    public Report addChart(Chart chart) {
        claim(chart.fileName());
        charts.add(chart);
        return this;
    }

    /**
     * A table, written as {@code name.csv}. Values are written as {@link #format(Object)} does;
     * every row must have one value per column.
     */
    public Report addTable(String name, List<String> columns, List<List<Object>> rows) {
        String fileName = Chart.checkedFileName(name, ".csv");
        List<String> header = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(fileName + ": a row has " + row.size() + " values for "
                        + header.size() + " columns");
            }
            copy.add(new ArrayList<>(row)); // may hold nulls, so not List.copyOf
        }
        claim(fileName);
        tables.put(fileName, new Table(fileName, header, copy));
        return this;
    }

    /** What the charts mean, in plain text; a blank line starts a new paragraph. */
    public Report setExplanation(String paragraph) {
        explanation = Objects.requireNonNull(paragraph, "paragraph");
        return this;
    }

    /** Creates {@code dir} if needed and writes every chart, every table and {@code report.html}. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Chart chart : charts) {
            ChartRenderer.writePng(chart, dir.resolve(chart.fileName()));
        }
        for (Table table : tables.values()) {
            Files.writeString(dir.resolve(table.fileName()), csv(table.columns(), table.rows()), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve(HTML_FILE), html(), StandardCharsets.UTF_8);
    }

    private void claim(String fileName) {
        if (fileName.equals(HTML_FILE) || !fileNames.add(fileName)) {
            throw new IllegalArgumentException("file name already used in this report: " + fileName);
        }
    }

    /** RFC 4180: CRLF line ends; a field with a comma, quote or line break is quoted, quotes doubled. */
    static String csv(List<String> columns, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        csvLine(out, columns);
        for (List<Object> row : rows) {
            csvLine(out, row);
        }
        return out.toString();
    }

    private static void csvLine(StringBuilder out, Collection<?> values) {
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String field = format(value);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0
                    || field.indexOf('\r') >= 0) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        out.append("\r\n");
    }

    /**
     * A value as text, the same on every machine: null as empty, doubles as Java writes them
     * ({@code 0.25}, {@code 1.0E-5}, which spreadsheets and CSV readers parse), arrays as
     * {@code [a, b]}, anything else by {@code toString}.
     */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        return String.valueOf(value);
    }

    String html() {
        String title = "powchain simulate " + scenario;
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}\n")
                .append("figure{margin:1.5rem 0}img{max-width:100%;height:auto}figcaption{color:#555}\n")
                .append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");

        h.append("<h2>Parameters</h2>\n<table id=\"parameters\">\n<tr><th>parameter</th><th>value</th></tr>\n");
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            h.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(format(e.getValue())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        if (!charts.isEmpty()) {
            h.append("<h2>Charts</h2>\n");
            for (Chart c : charts) {
                h.append("<figure>\n<img src=\"").append(escape(c.fileName())).append("\" alt=\"")
                        .append(escape(altText(c))).append("\" width=\"").append(c.width()).append("\" height=\"")
                        .append(c.height()).append("\">\n<figcaption>").append(escape(c.title()))
                        .append("</figcaption>\n</figure>\n");
            }
        }

        if (!tables.isEmpty()) {
            h.append("<h2>Data</h2>\n<ul id=\"data\">\n");
            for (Table t : tables.values()) {
                h.append("<li><a href=\"").append(escape(t.fileName())).append("\">").append(escape(t.fileName()))
                        .append("</a> (").append(t.rows().size()).append(t.rows().size() == 1 ? " row" : " rows")
                        .append(": ").append(escape(String.join(", ", t.columns()))).append(")</li>\n");
            }
            h.append("</ul>\n");
        }

        if (!explanation.isBlank()) {
            h.append("<h2>What this shows</h2>\n");
            for (String paragraph : explanation.strip().split("\\R\\s*\\R")) {
                h.append("<p>").append(escape(paragraph.strip())).append("</p>\n");
            }
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** Says what a reader who cannot see the picture would need: what is plotted against what. */
    private static String altText(Chart c) {
        StringBuilder alt = new StringBuilder();
        alt.append(c.title().isBlank() ? c.fileName() : c.title()).append(": ");
        alt.append(c.yLabel().isBlank() ? "y" : c.yLabel()).append(" against ")
                .append(c.xLabel().isBlank() ? "x" : c.xLabel()).append(", series ");
        List<String> names = new ArrayList<>();
        for (Chart.Series s : c.series()) {
            names.add(s.name());
        }
        return alt.append(String.join(", ", names)).toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
