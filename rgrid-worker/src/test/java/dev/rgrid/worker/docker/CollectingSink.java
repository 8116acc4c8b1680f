package dev.rgrid.worker.docker;

import dev.rgrid.core.model.LogStream;
import dev.rgrid.worker.exec.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps every line it is given, in order, for assertions; safe to read while a run writes. */
public final class CollectingSink implements LogSink {
    public record Line(LogStream stream, Instant time, String text) {}

    private final List<Line> lines = new ArrayList<>();

    @Override
    public synchronized void line(LogStream stream, Instant time, String text) {
        lines.add(new Line(stream, time, text));
    }

    public synchronized List<Line> all() { return List.copyOf(lines); }

    public synchronized List<String> texts(LogStream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(Line::text).toList();
    }

    public List<String> stdout() { return texts(LogStream.STDOUT); }

    public List<String> stderr() { return texts(LogStream.STDERR); }

    /** The value after {@code key=} on the first stdout line that starts with it, or null. */
    public String value(String key) {
        for (String line : stdout()) if (line.startsWith(key + "=")) return line.substring(key.length() + 1);
        return null;
    }
}
