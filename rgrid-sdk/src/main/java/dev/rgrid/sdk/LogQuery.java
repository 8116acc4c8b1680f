package dev.rgrid.sdk;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.model.LogStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which log lines to read: those after {@code afterSeq} (0 = from the start), of the streams named,
 * at most {@code limit} per call.
 */
public record LogQuery(long afterSeq, Set<LogStream> streams, int limit) {
    public static final int DEFAULT_LIMIT = 10_000;

    public LogQuery {
        streams = streams.isEmpty() ? EnumSet.noneOf(LogStream.class) : EnumSet.copyOf(streams);
        if (afterSeq < 0) {
            throw new InvalidInputException("invalid_offset", "The log offset cannot be negative", Long.toString(afterSeq),
                    "Give the sequence number of the last line seen, or 0 for the start");
        }
        if (limit < 1) {
            throw new InvalidInputException("invalid_limit", "The log line limit must be at least 1", Integer.toString(limit),
                    "Ask for 1 or more lines");
        }
    }

    /** Everything: stdout, stderr and RGrid's own lines. */
    public static LogQuery all() {
        return new LogQuery(0, EnumSet.allOf(LogStream.class), DEFAULT_LIMIT);
    }

    /** Only what the script wrote to stderr. */
    public static LogQuery stderrOnly() {
        return new LogQuery(0, EnumSet.of(LogStream.STDERR), DEFAULT_LIMIT);
    }

    public LogQuery after(long seq) {
        return new LogQuery(seq, streams, limit);
    }
}
