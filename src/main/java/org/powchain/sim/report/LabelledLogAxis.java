package org.powchain.sim.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A log axis whose ticks always carry numbers. JFreeChart's {@link LogarithmicAxis} labels only
 * the powers of ten, so a range inside one decade (success rates between 0.2 and 0.7) had ticks
 * and grid lines but no number at all; then every tick (2, 3 ... 9 × 10^n) is labelled, in plain
 * decimals.
 */
final class LabelledLogAxis extends LogarithmicAxis {
    private static final long serialVersionUID = 1L;

    LabelledLogAxis(String label) {
        super(label);
        setStrictValuesFlag(false);
        setLog10TickLabelsFlag(false);
        setExpTickLabelsFlag(false);
    }

    @Override
    public List<Tick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        @SuppressWarnings("unchecked")
        List<Tick> ticks = super.refreshTicks(g2, state, dataArea, edge);
        if (ticks.stream().filter(t -> !t.getText().isEmpty()).count() >= 2) {
            return ticks;
        }
        List<Tick> labelled = new ArrayList<>();
        for (Tick t : ticks) {
            NumberTick n = (NumberTick) t;
            labelled.add(new NumberTick(n.getTickType(), n.getValue(), label(n.getValue()), n.getTextAnchor(),
                    n.getRotationAnchor(), n.getAngle()));
        }
        return labelled;
    }

    /** Two significant digits, plainly written: 0.3, not 0.30000000000000004 or 3E-1. */
    static String label(double value) {
        return new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
