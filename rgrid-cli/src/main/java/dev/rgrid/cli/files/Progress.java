package dev.rgrid.cli.files;

import dev.rgrid.cli.output.Format;
import dev.rgrid.sdk.TransferListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows transfers on stderr: on a terminal a progress bar per file (bytes, rate, ETA); otherwise one plain line
 * per file once it is done. A file the store already had is said so ({@code data.csv: already uploaded (same
 * content)}). Close it to end any bar still drawn.
 */
public final class Progress implements TransferListener, AutoCloseable {
    private static final int WIDTH = 100;

    private final PrintWriter err;
    private final boolean terminal;
    private final String verb;
    private final Map<String, Bar> bars = new HashMap<>();
    private final Map<String, Long> totals = new HashMap<>();

    private Progress(PrintWriter err, boolean terminal, String verb) {
        this.err = err;
        this.terminal = terminal;
        this.verb = verb;
    }

    public static Progress uploads(PrintWriter err, boolean terminal) { return new Progress(err, terminal, "uploaded"); }

    public static Progress downloads(PrintWriter err, boolean terminal) { return new Progress(err, terminal, "downloaded"); }

    @Override
    public synchronized void started(String name, long total) {
        totals.put(name, total);
        if (!terminal) return;
        Line line = new Line(err);
        Bar old = bars.put(name, new Bar(new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setUnit(unit(total), unitSize(total))
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(WIDTH)
                .setConsumer(line)
                .build(), line));
        if (old != null) old.close();
    }

    @Override
    public synchronized void progressed(String name, long done) {
        Bar bar = bars.get(name);
        if (bar != null) bar.bar().stepTo(done);
    }

    @Override
    public synchronized void skipped(String name, long total) {
        err.println(name + ": already uploaded (same content)");
        err.flush();
    }

    @Override
    public synchronized void finished(String name) {
        Bar bar = bars.remove(name);
        Long total = totals.remove(name);
        if (bar != null) {
            if (total != null && total >= 0) bar.bar().stepTo(total);
            bar.close();
        } else {
            err.println(name + ": " + verb + (total != null && total >= 0 ? " (" + Format.bytes(total) + ")" : ""));
        }
        err.flush();
    }

    /** Ends every bar still drawn (a transfer that failed midway). */
    @Override
    public synchronized void close() {
        bars.values().forEach(Bar::close);
        bars.clear();
        totals.clear();
        err.flush();
    }

    private static String unit(long total) {
        if (total >= 1L << 30) return "GB";
        if (total >= 1L << 20) return "MB";
        return "KB";
    }

    private static long unitSize(long total) {
        if (total >= 1L << 30) return 1L << 30;
        if (total >= 1L << 20) return 1L << 20;
        return 1L << 10;
    }

    /** A bar and the line it draws on. */
    private record Bar(ProgressBar bar, Line line) {
        /**
         * Draws the bar a last time and ends its line. The library leaves the line open when the bar is closed
         * before its first scheduled redraw, so the line is ended here too (once).
         */
        void close() {
            bar.close();
            line.close();
        }
    }

    /** Redraws the bar in place on the command's stderr, and ends its line once when the bar is closed. */
    private static final class Line implements ProgressBarConsumer {
        private final PrintWriter err;
        private boolean closed;

        Line(PrintWriter err) { this.err = err; }

        @Override
        public int getMaxRenderedLength() { return WIDTH; }

        @Override
        public void accept(String rendered) {
            err.print('\r');
            err.print(rendered);
            err.flush();
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            err.println();
            err.flush();
        }
    }
}
