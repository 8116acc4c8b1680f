package dev.rgrid.worker;

import dev.rgrid.core.model.LogLimits;
import dev.rgrid.core.model.LogStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Decides which of a run's lines the store keeps under its {@link LogLimits}: everything until the head budget is
 * spent, then only the most recent lines up to the tail budget (held here, handed over by {@link #tail()} at the
 * end), and RGrid's own lines always. Counts what it drops, per stream. Not thread-safe: its writer serialises calls.
 */
final class LogCap {
    /** A line held for the tail, with its cost. */
    record Held(LogStream stream, Instant time, String text, long bytes) {}

    private final long tailBudget;
    private long headLeft;
    private final ArrayDeque<Held> tail = new ArrayDeque<>();
    private long tailBytes;
    private long droppedStdoutLines;
    private long droppedStderrLines;
    private long droppedBytes;
    private boolean capped;

    /** {@code alreadyStored}: what earlier attempts of the same run stored, which counts against the head. */
    LogCap(LogLimits limits, long alreadyStored) {
        this.headLeft = Math.max(0, limits.headBytes() - alreadyStored);
        this.tailBudget = limits.tailBytes();
    }

    /** What to do with one line. */
    enum Decision { STORE, FIRST_HELD, HELD }

    /**
     * Takes one line: {@link Decision#STORE} to store it now; otherwise it is held for the tail (the first time, the
     * writer says so in the logs), and older held lines past the tail budget are dropped.
     */
    Decision offer(LogStream stream, Instant time, String text) {
        if (stream == LogStream.SYSTEM) return Decision.STORE;
        long bytes = cost(text);
        if (!capped && bytes <= headLeft) {
            headLeft -= bytes;
            return Decision.STORE;
        }
        boolean first = !capped;
        capped = true;
        tail.addLast(new Held(stream, time, text, bytes));
        tailBytes += bytes;
        while (tailBytes > tailBudget && !tail.isEmpty()) {
            Held old = tail.removeFirst();
            tailBytes -= old.bytes();
            droppedBytes += old.bytes();
            if (old.stream() == LogStream.STDERR) droppedStderrLines++;
            else droppedStdoutLines++;
        }
        return first ? Decision.FIRST_HELD : Decision.HELD;
    }

    boolean capped() { return capped; }

    long droppedLines() { return droppedStdoutLines + droppedStderrLines; }

    long droppedStdoutLines() { return droppedStdoutLines; }

    long droppedStderrLines() { return droppedStderrLines; }

    long droppedBytes() { return droppedBytes; }

    /** The lines held for the end, oldest first; empties the hold. */
    List<Held> tail() {
        List<Held> held = List.copyOf(tail);
        tail.clear();
        tailBytes = 0;
        return held;
    }

    /** A line's cost against the cap: its UTF-8 bytes and its newline. */
    static long cost(String text) {
        int n = text.length();
        long bytes = 1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c)) { bytes += 4; i++; }
            else bytes += 3;
        }
        return bytes;
    }
}
