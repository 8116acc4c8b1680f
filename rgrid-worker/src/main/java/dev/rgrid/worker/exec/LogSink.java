package dev.rgrid.worker.exec;

import dev.rgrid.core.model.LogStream;
import java.time.Instant;

/** Receives output line by line, as it is written; a line has no trailing newline. */
@FunctionalInterface
public interface LogSink {
    void line(LogStream stream, Instant time, String text);
}
