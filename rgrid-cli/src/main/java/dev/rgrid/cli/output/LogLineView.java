package dev.rgrid.cli.output;

import dev.rgrid.core.model.LogLine;
import java.time.Instant;

/** One log line as {@code logs --json} prints it, one object per line. */
public record LogLineView(long seq, String stream, Instant time, String text) {
    public static LogLineView of(LogLine line) {
        return new LogLineView(line.seq(), line.stream().label(), line.time(), line.text());
    }
}
