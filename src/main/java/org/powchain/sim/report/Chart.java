package org.powchain.sim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One chart of a {@link Report}: what to draw, not how. {@link ChartRenderer} draws it with
 * JFreeChart. Build one with {@link #builder(String)}:
 * <pre>
 * Chart.builder("stale-rate")
 *     .title("Stale blocks against block interval").xLabel("block interval (s)").yLabel("stale rate")
 *     .logX()
 *     .series(Chart.Series.markers("simulated", intervals, rates).withErrorBars(lows, highs))
 *     .series(Chart.Series.line("theory", intervals, expected))
 *     .build();
 * </pre>
 *
 * @param fileName the PNG's name in the report directory, ending in {@code .png}
 * @param logX whether the x axis is logarithmic (points with x ≤ 0 are then left out)
 * @param logY whether the y axis is logarithmic (points with y ≤ 0 are then left out)
 */
public record Chart(String fileName, String title, String xLabel, String yLabel, boolean logX, boolean logY,
        int width, int height, List<Series> series) {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Chart {
        fileName = pngName(fileName);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xLabel, "xLabel");
        Objects.requireNonNull(yLabel, "yLabel");
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("chart too small: " + width + "x" + height);
        }
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart " + fileName + " has no series");
        }
    }

    public static Builder builder(String fileName) {
        return new Builder(fileName);
    }

    /** {@code name} as a file name for the report directory: no path, no surprises in a URL. */
    static String checkedFileName(String name, String extension) {
        Objects.requireNonNull(name, "file name");
        String base = name.endsWith(extension) ? name.substring(0, name.length() - extension.length()) : name;
        if (!SAFE_NAME.matcher(base).matches()) {
            throw new IllegalArgumentException("file name must be letters, digits, '.', '_' or '-': " + name);
        }
        return base + extension;
    }

    private static String pngName(String name) {
        return checkedFileName(name, ".png");
    }

    /** How a series is drawn. */
    public enum Style {
        /** a line through the points: a closed form, a trace */
        LINE,
        /** a marker at each point, unjoined: measurements */
        MARKERS,
        /** both */
        LINE_AND_MARKERS
    }

    /**
     * One named set of points. Error bars, when present, run from {@code yLow[i]} to
     * {@code yHigh[i]} at {@code x[i]} (a confidence interval, say). The arrays are copied.
     */
    public record Series(String name, double[] x, double[] y, double[] yLow, double[] yHigh, Style style, int colour,
                         boolean dashed) {
        /** A series in the next colour of the palette, drawn solid. */
        public Series(String name, double[] x, double[] y, double[] yLow, double[] yHigh, Style style) {
            this(name, x, y, yLow, yHigh, style, -1, false);
        }

        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(style, "style");
            x = x.clone();
            y = y.clone();
            if (x.length != y.length) {
                throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
            }
            if ((yLow == null) != (yHigh == null)) {
                throw new IllegalArgumentException(name + ": error bars need both yLow and yHigh");
            }
            if (yLow != null) {
                yLow = yLow.clone();
                yHigh = yHigh.clone();
                if (yLow.length != x.length || yHigh.length != x.length) {
                    throw new IllegalArgumentException(name + ": error bars need one low and one high per point");
                }
            }
        }

        public static Series line(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, null, Style.LINE);
        }

        public static Series markers(String name, double[] x, double[] y) {
            return new Series(name, x, y, null, null, Style.MARKERS);
        }

        /** This series with error bars from {@code low} to {@code high} at each point. */
        public Series withErrorBars(double[] low, double[] high) {
            return new Series(name, x, y, Objects.requireNonNull(low, "low"), Objects.requireNonNull(high, "high"), style, colour,
                    dashed);
        }

        public Series withStyle(Style newStyle) {
            return new Series(name, x, y, yLow, yHigh, newStyle, colour, dashed);
        }

        /** This series in the palette's colour {@code index} (0 the first), so several series can share one: a share's points and its curves. */
        public Series withColour(int index) {
            if (index < 0) {
                throw new IllegalArgumentException(name + ": a colour index is 0 or more: " + index);
            }
            return new Series(name, x, y, yLow, yHigh, style, index, dashed);
        }

        /** This series' line drawn dashed. */
        public Series withDashes() {
            return new Series(name, x, y, yLow, yHigh, style, colour, true);
        }

        public boolean hasErrorBars() {
            return yLow != null;
        }

        // copies out as well as in, so a chart stays as it was added to a report

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        /** The bars' lower ends, or null without error bars. */
        @Override
        public double[] yLow() {
            return yLow == null ? null : yLow.clone();
        }

        /** The bars' upper ends, or null without error bars. */
        @Override
        public double[] yHigh() {
            return yHigh == null ? null : yHigh.clone();
        }

        // arrays compare by content, so two equal charts are equal
        @Override
        public boolean equals(Object o) {
            return o instanceof Series s && name.equals(s.name) && style == s.style && colour == s.colour && dashed == s.dashed
                    && Arrays.equals(x, s.x)
                    && Arrays.equals(y, s.y) && Arrays.equals(yLow, s.yLow) && Arrays.equals(yHigh, s.yHigh);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, style, colour, dashed, Arrays.hashCode(x), Arrays.hashCode(y), Arrays.hashCode(yLow),
                    Arrays.hashCode(yHigh));
        }

        @Override
        public String toString() {
            return "Series[" + name + ", " + style + ", " + x.length + " points" + (hasErrorBars() ? ", error bars]" : "]");
        }
    }

    /** Collects a chart's parts; title and labels default to empty. */
    public static final class Builder {
        private final String fileName;
        private String title = "";
        private String xLabel = "";
        private String yLabel = "";
        private boolean logX;
        private boolean logY;
        private int width = 800;
        private int height = 500;
        private final List<Series> series = new ArrayList<>();

        private Builder(String fileName) {
            this.fileName = fileName;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder xLabel(String value) {
            xLabel = value;
            return this;
        }

        public Builder yLabel(String value) {
            yLabel = value;
            return this;
        }

        public Builder logX() {
            logX = true;
            return this;
        }

        public Builder logY() {
            logY = true;
            return this;
        }

        /** Pixel size of the PNG; 800×500 unless set. */
        public Builder size(int widthPixels, int heightPixels) {
            width = widthPixels;
            height = heightPixels;
            return this;
        }

        public Builder series(Series s) {
            series.add(Objects.requireNonNull(s, "series"));
            return this;
        }

        public Chart build() {
            return new Chart(fileName, title, xLabel, yLabel, logX, logY, width, height, series);
        }
    }
}
