package dev.rgrid.worker;

import dev.rgrid.core.config.Quantities;
import dev.rgrid.core.model.LogLimits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import dev.rgrid.core.store.LogUsage;
import dev.rgrid.core.store.StoreOutage;
import dev.rgrid.worker.exec.LogSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers captured lines and stores them as they come, in small batches: a line is in the store within
 * {@link #MAX_DELAY_MS} of being written, and a burst of output costs one insert per batch. What it holds is bounded:
 * when the store falls behind, {@link #line} waits ({@link #MAX_PENDING_BYTES}), which holds the script back as a full
 * pipe does, so memory stays flat whatever the output rate. Past the run's {@link LogLimits} only the last part is kept
 * ({@link LogCap}), stored at {@link #close()} after a line saying what was dropped.
 */
final class LogWriter implements LogSink, AutoCloseable {
    static final long MAX_DELAY_MS = 100;
    static final int MAX_BATCH = 500;
    /** The most bytes of lines waiting for the store; a writer past it waits. */
    static final long MAX_PENDING_BYTES = 4L * 1024 * 1024;
    /** How long a batch waits for a database that is away before it is given up (and said so in the node's log). */
    static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

    private final Lease lease;
    private final ExecutionStore store;
    private final RunListener listener;
    private final Clock clock;
    private final LogLimits limits;
    private final LogCap cap;
    private final Thread flusher;
    private List<LogLine> pending = new ArrayList<>();
    private long pendingBytes;
    private long seq;
    private boolean closed;
    private boolean lost;

    /** Numbers lines after those already stored; a first attempt has none, so the store is not asked. */
    LogWriter(Lease lease, ExecutionStore store, RunListener listener, Clock clock, LogLimits limits) {
        this.lease = lease;
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.limits = limits;
        LogUsage used = lease.attempt() <= 1 ? LogUsage.NONE : store.logUsage(lease.executionId());
        this.seq = used.lastSeq();
        this.cap = new LogCap(limits, used.bytes());
        this.flusher = new Thread(this::flushLoop, "rgrid-logs-" + lease.executionId());
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    @Override
    public synchronized void line(LogStream stream, Instant time, String text) {
        if (closed) return;
        String safe = storable(text);
        switch (cap.offer(stream, time, safe)) {
            case STORE -> enqueue(stream, time, safe);
            case FIRST_HELD -> enqueue(LogStream.SYSTEM, time, "Log limit reached: this run keeps "
                    + Quantities.formatBytes(limits.maxBytes()) + " of output (stdout and stderr together, RGRID_MAX_LOG_BYTES); "
                    + "the middle is dropped from here and its last " + Quantities.formatBytes(limits.tailBytes())
                    + " is kept at the end");
            case HELD -> { }
        }
    }

    /** Adds a line for the flusher, waiting while too much is pending (the store is behind). */
    private void enqueue(LogStream stream, Instant time, String text) {
        while (pendingBytes >= MAX_PENDING_BYTES && !closed && !lost) {
            notifyAll();
            waitQuietly(MAX_DELAY_MS);
        }
        pending.add(new LogLine(++seq, stream, time, text));
        pendingBytes += LogCap.cost(text);
        if (pending.size() >= MAX_BATCH) notifyAll();
    }

    /** PostgreSQL's text cannot hold NUL: it is stored as U+FFFD, like bytes that are not UTF-8. */
    private static String storable(String text) {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private void flushLoop() {
        while (true) {
            List<LogLine> batch;
            boolean last;
            synchronized (this) {
                if (!closed && pending.size() < MAX_BATCH && pendingBytes < MAX_PENDING_BYTES) waitQuietly(MAX_DELAY_MS);
                batch = pending;
                pending = new ArrayList<>();
                pendingBytes = 0;
                last = closed;
                notifyAll(); // a writer waiting for room goes on
            }
            write(batch);
            if (last) return;
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void write(List<LogLine> batch) {
        if (batch.isEmpty() || lost) return;
        try {
            // While the database is away the batch waits and so, once the pending lines fill up, does the script:
            // nothing is dropped for an outage shorter than the patience.
            if (!StoreOutage.retry("storing log lines of " + lease.executionId(), OUTAGE_PATIENCE,
                    () -> store.appendLogs(lease, batch))) {
                synchronized (this) {
                    lost = true;
                    notifyAll();
                }
                LOG.info("{}: lease lost; this attempt's output is no longer stored", lease.executionId());
                return;
            }
            listener.logsWritten(lease.executionId());
        } catch (RuntimeException e) {
            LOG.warn("Could not store {} log lines of {}: {}", batch.size(), lease.executionId(), e.getMessage());
        }
    }

    /** Stores every line still pending, then what the cap held for the end with a line saying what it dropped; stops. */
    @Override
    public void close() {
        synchronized (this) {
            if (cap.capped()) {
                List<LogCap.Held> tail = cap.tail();
                enqueue(LogStream.SYSTEM, clock.instant(), droppedLine(tail.size()));
                for (LogCap.Held held : tail) enqueue(held.stream(), held.time(), held.text());
            }
            closed = true;
            notifyAll();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cap.droppedLines() > 0 && !lost) {
            try {
                store.addDroppedLogs(lease, cap.droppedLines(), cap.droppedBytes());
            } catch (RuntimeException e) {
                LOG.warn("Could not record the dropped log lines of {}: {}", lease.executionId(), e.getMessage());
            }
        }
    }

    private String droppedLine(int kept) {
        return "Log limit: " + cap.droppedLines() + " lines (" + Quantities.formatBytes(cap.droppedBytes()) + ": " + cap.droppedStdoutLines()
                + " stdout, " + cap.droppedStderrLines() + " stderr) were dropped here; the last " + kept
                + " lines follow. Raise RGRID_MAX_LOG_BYTES (now " + Quantities.formatBytes(limits.maxBytes())
                + ") to keep more, or write large output to a file in outputs/";
    }
}
