package dev.rgrid.engine;

import dev.rgrid.worker.RunListener;

/**
 * Wakes waiters in this process when a runner stores log lines or finishes, so followers and
 * {@code await} answer at once; they still re-read the store on a short timeout, which covers runs in
 * other processes. Events are counted, so that a waiter that reads the store and then waits is woken by an event that
 * came while it was reading ({@link #awaitAfter}), instead of sleeping out the timeout for it.
 */
final class Signal implements RunListener {
    static final long POLL_MS = 200;

    private long events;

    @Override
    public synchronized void logsWritten(String executionId) {
        events++;
        notifyAll();
    }

    @Override
    public synchronized void finished(String executionId) {
        events++;
        notifyAll();
    }

    /** How many events there were so far: read before the store, passed to {@link #awaitAfter} after it. */
    synchronized long events() {
        return events;
    }

    /** Waits for the next event, at most {@code maxMs}. */
    synchronized void await(long maxMs) {
        awaitAfter(events, maxMs);
    }

    /** Returns at once when an event came after {@code seen} was read; else waits for the next one, at most {@code maxMs}. */
    synchronized void awaitAfter(long seen, long maxMs) {
        if (maxMs <= 0 || events != seen) return;
        try {
            wait(maxMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
