package org.powchain.sim.report;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for long simulations. Silent for the first two seconds, so quick runs
 * and tests print nothing; then on a console one line redrawn in place with {@code \r}, and
 * elsewhere (CI logs, a file) a plain line every ten seconds. It never writes to stdout, which
 * carries {@code --json}.
 *
 * <p>Hand-written rather than me.tongfei:progressbar: that library redraws with {@code \r} even
 * when stderr is a file, brings jline and a refresh thread, and has no initial quiet period.
 * "A console" is {@link System#console()}, which on Java 17 also needs stdin and stdout to be a
 * terminal: with {@code --json | jq} the plain lines are used.
 *
 * <p>Thread-safe, so parallel sweep points may share one.
 * <pre>
 * try (Progress progress = Progress.start("mining", blocks)) {
 *     ... progress.step(1); ...
 * }
 * </pre>
 */
public final class Progress implements AutoCloseable {
    static final long QUIET_NANOS = 2_000_000_000L;
    static final long REDRAW_NANOS = 200_000_000L;
    static final long LINE_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private final String task;
    private final long total;
    private final PrintStream out;
    private final boolean console;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long done;
    private long lastShownNanos;
    private boolean shown;
    private boolean closed;

    Progress(String task, long total, PrintStream out, boolean console, LongSupplier nanoClock) {
        this.task = task;
        this.total = total;
        this.out = out;
        this.console = console;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /**
     * Starts counting {@code total} units of {@code task} on stderr.
     *
     * @param total how many units make 100%; 0 or less if unknown (then only the count shows)
     */
    public static Progress start(String task, long total) {
        return new Progress(task, total, System.err, System.console() != null, System::nanoTime);
    }

    /** {@code n} more units done. */
    public synchronized void step(long n) {
        stepTo(done + n);
    }

    /** {@code doneSoFar} units done in all. */
    public synchronized void stepTo(long doneSoFar) {
        done = doneSoFar;
        long now = nanoClock.getAsLong();
        if (closed || now - startNanos < QUIET_NANOS) {
            return;
        }
        if (!shown || now - lastShownNanos >= (console ? REDRAW_NANOS : LINE_NANOS)) {
            show(now, false);
        }
    }

    /** Ends the bar with a final line, if it was ever shown. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shown) {
            show(nanoClock.getAsLong(), true);
        }
    }

    private void show(long now, boolean last) {
        shown = true;
        lastShownNanos = now;
        String line = line(now, last);
        if (console) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    String line(long now, boolean last) {
        long seconds = (now - startNanos) / 1_000_000_000L;
        StringBuilder s = new StringBuilder(task).append(' ');
        if (total > 0) {
            double fraction = Math.min(1, Math.max(0, (double) done / total));
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            if (console) {
                s.append('[').append("#".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
            }
            s.append(Math.round(fraction * 100)).append("% ").append(done).append('/').append(total);
            if (!last && done > 0 && done < total) {
                long remaining = Math.round(seconds * (double) (total - done) / done);
                s.append(", ").append(seconds).append(" s, about ").append(remaining).append(" s left");
                return pad(s);
            }
        } else {
            s.append(done);
        }
        s.append(", ").append(seconds).append(" s").append(last ? ", done" : "");
        return pad(s);
    }

    /** On a console a shorter line must cover the longer one it redraws. */
    private String pad(StringBuilder s) {
        return console ? String.format("%-78s", s) : s.toString();
    }
}
