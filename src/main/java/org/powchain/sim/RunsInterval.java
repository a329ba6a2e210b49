package org.powchain.sim;

/**
 * A 99% interval for a ratio measured over independent runs: the share of the pool's blocks on
 * the main chain, the stale rate, the realised γ. Within one run the blocks are not independent
 * (orphans and the pool's blocks come in runs), but separate runs, each a network of its own with
 * a seed of its own, are. So the estimate is the ratio of the sums, R = Σy / Σx, and its standard
 * error the ratio estimator's (Cochran, Sampling Techniques, 1977, §6.4):
 * <pre>se(R) = √( Σ(yᵢ − R·xᵢ)² / (n(n − 1)) ) / x̄</pre>
 * and the interval R ± t(0.995, n − 1)·se, clipped to [0, 1]. It needs two runs at least; with
 * fewer it is [0, 1].
 */
public final class RunsInterval {
    private RunsInterval() {}

    /** What every runs interval's JSON says of its method. */
    public static final String METHOD = "independent runs, 99%: the ratio of the runs' sums, +/- t(0.995, runs - 1) "
            + "standard errors of a ratio estimator";

    /** {estimate, low, high} of Σy/Σx over the runs; the estimate is 0 where Σx is 0. */
    public static double[] ratio99(long[] y, long[] x) {
        if (y.length != x.length) {
            throw new IllegalArgumentException("as many numerators as denominators: " + y.length + " and " + x.length);
        }
        int n = y.length;
        double sy = 0;
        double sx = 0;
        for (int i = 0; i < n; i++) {
            sy += y[i];
            sx += x[i];
        }
        if (sx == 0) {
            return new double[] {0, 0, 1};
        }
        double r = sy / sx;
        if (n < 2) {
            return new double[] {r, 0, 1};
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - r * x[i];
            ss += d * d;
        }
        double se = Math.sqrt(ss / ((double) n * (n - 1))) / (sx / n);
        double half = t995(n - 1) * se;
        return new double[] {r, Math.max(0, r - half), Math.min(1, r + half)};
    }

    /** Student's t quantile at 0.995 with {@code df} degrees of freedom (63.657 at 1, 2.576 as df grows). */
    public static double t995(int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1: " + df);
        }
        double lo = 0;
        double hi = 1000;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (tCdf(mid, df) < 0.995) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(T ≤ t) for Student's t with {@code df} degrees of freedom, t ≥ 0: 1 − I_{df/(df+t²)}(df/2, 1/2) / 2. */
    static double tCdf(double t, int df) {
        double x = df / (df + t * t);
        return 1 - 0.5 * regularizedBeta(x, df / 2.0, 0.5);
    }

    /** I_x(a, b), by the continued fraction of Numerical Recipes (2nd ed., §6.4). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x), Lanczos' approximation (g = 7, 9 terms), good to about 1e-15 for x > 0. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
                12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
