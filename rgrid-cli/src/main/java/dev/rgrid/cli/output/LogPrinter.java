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
    private final boolean timestamps;

    private LogPrinter(PrintWriter out, PrintWriter err, Mode mode, boolean timestamps) {
        this.out = out;
        this.err = err;
        this.mode = mode;
        this.timestamps = timestamps;
    }

    /** The same printer, each line prefixed with the time it was captured (ISO-8601, UTC), like {@code docker logs -t}. */
    public LogPrinter withTimestamps() { return new LogPrinter(out, err, mode, true); }

    public static LogPrinter split(PrintWriter out, PrintWriter err) { return new LogPrinter(out, err, Mode.SPLIT, false); }

    public static LogPrinter merged(PrintWriter out) { return new LogPrinter(out, out, Mode.MERGED, false); }

    public static LogPrinter jsonLines(PrintWriter out) { return new LogPrinter(out, out, Mode.JSON, false); }

    @Override
    public void accept(LogLine line) {
        if (mode == Mode.JSON) {
            write(out, Json.compact(LogLineView.of(line)));
            return;
        }
        String time = timestamps ? line.time() + " " : "";
        switch (line.stream()) {
            case STDOUT -> write(out, time + line.text());
            case STDERR -> write(mode == Mode.SPLIT ? err : out, time + line.text());
            case SYSTEM -> write(mode == Mode.SPLIT ? err : out, time + SYSTEM_PREFIX + line.text());
        }
    }

    private static void write(PrintWriter writer, String text) {
        writer.println(text);
        writer.flush();
    }
}
