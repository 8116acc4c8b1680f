package dev.rgrid.worker;

import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.worker.exec.LogSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers captured lines and stores them as they come, in small batches: a line is in the store
 * within {@link #MAX_DELAY_MS} of being written, and a burst of output costs one insert per batch.
 */
final class LogWriter implements LogSink, AutoCloseable {
    static final long MAX_DELAY_MS = 100;
    static final int MAX_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);

    private final String executionId;
    private final ExecutionStore store;
    private final RunListener listener;
    private final Thread flusher;
    private List<LogLine> pending = new ArrayList<>();
    private long seq;
    private boolean closed;

    /** Numbers lines after those already stored; a first attempt has none, so the store is not asked. */
    LogWriter(String executionId, int attempt, ExecutionStore store, RunListener listener) {
        this.executionId = executionId;
        this.store = store;
        this.listener = listener;
        this.seq = attempt <= 1 ? 0 : store.lastLogSeq(executionId);
        this.flusher = new Thread(this::flushLoop, "rgrid-logs-" + executionId);
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    @Override
    public synchronized void line(LogStream stream, Instant time, String text) {
        pending.add(new LogLine(++seq, stream, time, text));
        if (pending.size() >= MAX_BATCH) notifyAll();
    }

    private void flushLoop() {
        while (true) {
            List<LogLine> batch;
            boolean last;
            synchronized (this) {
                if (!closed && pending.size() < MAX_BATCH) waitQuietly();
                batch = pending;
                pending = new ArrayList<>();
                last = closed;
            }
            write(batch);
            if (last) return;
        }
    }

    private void waitQuietly() {
        try {
            wait(MAX_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void write(List<LogLine> batch) {
        if (batch.isEmpty()) return;
        try {
            store.appendLogs(executionId, batch);
            listener.logsWritten(executionId);
        } catch (RuntimeException e) {
            LOG.warn("Could not store {} log lines of {}: {}", batch.size(), executionId, e.getMessage());
        }
    }

    /** Stores every line still pending, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            flusher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
