package org.powchain.sim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A log axis over less than a decade (success rates of 0.3 to 0.7) still shows numbers. */
@Tag("unit")
class LabelledLogAxisTest {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static List<String> labels(double low, double high) {
        LabelledLogAxis axis = new LabelledLogAxis("success");
        axis.setRange(low, high);
        Graphics2D g = new BufferedImage(800, 500, BufferedImage.TYPE_INT_RGB).createGraphics();
        List<Tick> ticks = axis.refreshTicks(g, new AxisState(), new Rectangle2D.Double(0, 0, 700, 400), RectangleEdge.LEFT);
        return ticks.stream().map(Tick::getText).filter(t -> !t.isEmpty()).toList();
    }

    @Test
    void aRangeInsideOneDecadeHasNumberedTicks() {
        assertThat(labels(0.3, 0.7)).contains("0.4", "0.5", "0.6");
    }

    @Test
    void aRangeOverSeveralDecadesKeepsItsPowersOfTen() {
        assertThat(labels(0.0001, 1)).hasSizeGreaterThanOrEqualTo(2).doesNotContain("0.0002");
    }

    @Test
    void labelsArePlainDecimalsOfTwoDigits() {
        assertThat(LabelledLogAxis.label(0.30000000000000004)).isEqualTo("0.3");
        assertThat(LabelledLogAxis.label(2e-5)).isEqualTo("0.00002");
        assertThat(LabelledLogAxis.label(40)).isEqualTo("40");
    }
}
