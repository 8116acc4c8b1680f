package dev.rgrid.engine;

import dev.rgrid.worker.RunListener;

/**
 * Wakes waiters in this process when a runner stores log lines or finishes, so followers and
 * {@code await} answer at once; they still re-read the store on a short timeout, which covers runs in
 * other processes.
 */
final class Signal implements RunListener {
    static final long POLL_MS = 200;

    @Override
    public synchronized void logsWritten(String executionId) {
        notifyAll();
    }

    @Override
    public synchronized void finished(String executionId) {
        notifyAll();
    }

    /** Waits for the next event, at most {@code maxMs}. */
    synchronized void await(long maxMs) {
        if (maxMs <= 0) return;
        try {
            wait(maxMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
