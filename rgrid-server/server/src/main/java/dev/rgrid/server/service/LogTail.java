package dev.rgrid.server.service;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.engine.Engine;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows an execution's log as it is written, for one owner: each line once and in order, until the run has
 * ended and its last line is out, or until the reader gives up ({@code abandoned}, or the thread is interrupted).
 * The last read happens after the end is seen, so no late line is missed.
 */
public final class LogTail {
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    private final Engine engine;
    private final Duration poll;

    public LogTail(Engine engine, Duration poll) {
        this.engine = engine;
        this.poll = poll;
    }

    /** Returns the execution as it ended, or null when the reader gave up first. */
    public Execution follow(String owner, String id, LogQuery query, Consumer<LogLine> onLine, BooleanSupplier abandoned) {
        long after = query.afterSeq();
        Execution execution = engine.status(owner, id);
        while (!abandoned.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            after = deliver(owner, id, query.after(after), onLine);
            if (execution.isFinal()) {
                deliver(owner, id, query.after(after), onLine);
                return execution;
            }
            execution = engine.await(owner, id, poll); // back early when the run ends
        }
        return null;
    }

    /** Delivers everything stored after {@code query.afterSeq()}; returns the last sequence delivered. */
    private long deliver(String owner, String id, LogQuery query, Consumer<LogLine> onLine) {
        long after = query.afterSeq();
        while (true) {
            List<LogLine> lines = engine.logs(owner, id, query.after(after));
            for (LogLine line : lines) {
                onLine.accept(line);
                after = line.seq();
            }
            if (lines.size() < query.limit()) return after;
        }
    }
}
