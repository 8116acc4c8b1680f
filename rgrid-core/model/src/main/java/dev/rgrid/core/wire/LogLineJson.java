package dev.rgrid.core.wire;

import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import java.time.Instant;

/** One log line; {@code stream} is {@code stdout}, {@code stderr} or {@code system}. */
public record LogLineJson(long seq, String stream, Instant time, String text) {
    public static LogLineJson of(LogLine line) {
        return new LogLineJson(line.seq(), line.stream().label(), line.time(), line.text());
    }

    public LogLine toLogLine() {
        return new LogLine(seq, LogStream.fromLabel(stream), time, text);
    }
}
