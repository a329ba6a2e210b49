package org.powchain.sim.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws a {@link Chart} to PNG with JFreeChart. Series without error bars go in one dataset with a
 * line-and-shape renderer, series with error bars in a second with an error renderer (which would
 * otherwise draw a cap on every point of a plain line); colours are assigned in series order
 * across both, so the legend matches the picture.
 */
final class ChartRenderer {
    static {
        // simulate runs on servers and in CI: no display, and AWT must not look for one
        System.setProperty("java.awt.headless", "true");
    }

    /** Distinguishable in colour and in greyscale print; the first is for the first series. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    };

    private ChartRenderer() {
    }

    static void writePng(Chart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), render(chart), chart.width(), chart.height());
    }

    static JFreeChart render(Chart chart) {
        double floor = smallestPositive(chart);
        XYSeriesCollection plain = new XYSeriesCollection();
        YIntervalSeriesCollection withErrors = new YIntervalSeriesCollection();
        XYLineAndShapeRenderer plainRenderer = new XYLineAndShapeRenderer();
        XYErrorRenderer errorRenderer = new XYErrorRenderer();
        errorRenderer.setDrawXError(false);
        int colour = 0;
        for (Chart.Series s : chart.series()) {
            Paint paint = s.colour() >= 0 ? PALETTE[s.colour() % PALETTE.length] : PALETTE[colour++ % PALETTE.length];
            XYLineAndShapeRenderer renderer;
            int index;
            if (s.hasErrorBars()) {
                index = withErrors.getSeriesCount();
                withErrors.addSeries(intervalSeries(chart, s, floor));
                renderer = errorRenderer;
            } else {
                index = plain.getSeriesCount();
                plain.addSeries(xySeries(chart, s));
                renderer = plainRenderer;
            }
            renderer.setSeriesPaint(index, paint);
            renderer.setSeriesStroke(index, s.dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2f));
            renderer.setSeriesLinesVisible(index, s.style() != Chart.Style.MARKERS);
            renderer.setSeriesShapesVisible(index, s.style() != Chart.Style.LINE);
        }
        errorRenderer.setErrorPaint(null); // each bar in its series' colour

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(axis(chart.xLabel(), chart.logX(), integral(chart, true)));
        plot.setRangeAxis(axis(chart.yLabel(), chart.logY(), integral(chart, false)));
        plot.setOrientation(PlotOrientation.VERTICAL);
        int datasetIndex = 0;
        if (withErrors.getSeriesCount() > 0) {
            plot.setDataset(datasetIndex, withErrors);
            plot.setRenderer(datasetIndex++, errorRenderer);
        }
        if (plain.getSeriesCount() > 0) {
            plot.setDataset(datasetIndex, plain);
            plot.setRenderer(datasetIndex, plainRenderer);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart result = new JFreeChart(chart.title(), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        result.setBackgroundPaint(Color.WHITE);
        return result;
    }

    private static ValueAxis axis(String label, boolean log, boolean integral) {
        if (log) {
            // ticks at 1, 2, 5 × 10^n read better than LogAxis's fractional powers of ten
            return new LabelledLogAxis(label);
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        if (integral) {
            // confirmations, node counts: no tick at 2.5
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        return axis;
    }

    private static boolean integral(Chart chart, boolean xAxis) {
        for (Chart.Series s : chart.series()) {
            for (double v : xAxis ? s.x() : s.y()) {
                if (v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static XYSeries xySeries(Chart chart, Chart.Series s) {
        XYSeries out = new XYSeries(s.name(), false, true);
        double[] x = s.x();
        double[] y = s.y();
        for (int i = 0; i < x.length; i++) {
            if (plottable(chart, x[i], y[i])) {
                out.add(x[i], y[i]);
            }
        }
        return out;
    }

    private static YIntervalSeries intervalSeries(Chart chart, Chart.Series s, double floor) {
        YIntervalSeries out = new YIntervalSeries(s.name(), false, true);
        double[] x = s.x();
        double[] y = s.y();
        double[] low = s.yLow();
        double[] high = s.yHigh();
        for (int i = 0; i < x.length; i++) {
            if (plottable(chart, x[i], y[i])) {
                // on a log axis a bar down to 0 (a Wilson interval at 0 successes) ends at the chart's floor
                out.add(x[i], y[i], chart.logY() ? Math.max(low[i], floor) : low[i], high[i]);
            }
        }
        return out;
    }

    /** A log axis cannot show 0 or less; such points are left out rather than breaking the axis. */
    private static boolean plottable(Chart chart, double x, double y) {
        return Double.isFinite(x) && Double.isFinite(y) && (!chart.logX() || x > 0) && (!chart.logY() || y > 0);
    }

    private static double smallestPositive(Chart chart) {
        double min = Double.POSITIVE_INFINITY;
        for (Chart.Series s : chart.series()) {
            for (double[] values : new double[][] {s.y(), s.yLow()}) {
                if (values != null) {
                    for (double v : values) {
                        if (v > 0 && v < min) {
                            min = v;
                        }
                    }
                }
            }
        }
        return Double.isFinite(min) ? min : 1;
    }
}
