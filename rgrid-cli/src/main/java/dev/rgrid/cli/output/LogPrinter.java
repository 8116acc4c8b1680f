package dev.rgrid.cli.output;

import dev.rgrid.core.model.LogLine;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * Writes log lines as they come. {@link #split}: the script's stdout to stdout, its stderr to stderr,
 * RGrid's own lines to stderr as {@code [rgrid] ...}. {@link #merged}: every line to stdout (for one
 * chosen stream). {@link #jsonLines}: one JSON object per line to stdout.
 */
public final class LogPrinter implements Consumer<LogLine> {
    public static final String SYSTEM_PREFIX = "[rgrid] ";

    private enum Mode { SPLIT, MERGED, JSON }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;

    private LogPrinter(PrintWriter out, PrintWriter err, Mode mode) {
        this.out = out;
        this.err = err;
        this.mode = mode;
    }

    public static LogPrinter split(PrintWriter out, PrintWriter err) { return new LogPrinter(out, err, Mode.SPLIT); }

    public static LogPrinter merged(PrintWriter out) { return new LogPrinter(out, out, Mode.MERGED); }

    public static LogPrinter jsonLines(PrintWriter out) { return new LogPrinter(out, out, Mode.JSON); }

    @Override
    public void accept(LogLine line) {
        if (mode == Mode.JSON) {
            write(out, Json.compact(LogLineView.of(line)));
            return;
        }
        switch (line.stream()) {
            case STDOUT -> write(out, line.text());
            case STDERR -> write(mode == Mode.SPLIT ? err : out, line.text());
            case SYSTEM -> write(mode == Mode.SPLIT ? err : out, SYSTEM_PREFIX + line.text());
        }
    }

    private static void write(PrintWriter writer, String text) {
        writer.println(text);
        writer.flush();
    }
}
