package dev.rgrid.engine;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every queued execution, not only those submitted through this server: retries the reaper requeued
 * after a lost attempt, and any left queued while no server ran. The engine claims them (skipping rows
 * another claimer holds); each round catches, logs and carries on.
 */
public final class QueueDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueDispatcher.class);
    /** How long one claiming round lasts while nothing is queued; also the longest {@link #close()} waits. */
    static final Duration ROUND = Duration.ofSeconds(1);

    private final Engine engine;
    private final Thread thread;
    private volatile boolean running = true;

    public QueueDispatcher(Engine engine) {
        this.engine = engine;
        this.thread = new Thread(this::loop, "rgrid-queue-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                engine.drain(ROUND);
            } catch (RuntimeException e) {
                if (!running) return;
                LOG.warn("Claiming queued executions failed, will retry: {}", e.getMessage());
                pause();
            }
        }
    }

    private synchronized void pause() {
        try {
            wait(ROUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops claiming; runs already claimed go on until the engine closes. */
    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(ROUND.multipliedBy(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
