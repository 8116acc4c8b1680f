package dev.rgrid.worker.docker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Removes ended containers off the run's path: the outcome is known once the container has exited, and its
 * removal (10-20 ms at the engine) need not delay recording it or the node's next run. One thread per JVM, in
 * order; a container a crash leaves behind is found later as a leftover or an orphan.
 */
final class Removals {
    private static final ExecutorService REMOVER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rgrid-container-removal");
        t.setDaemon(true);
        return t;
    });

    private Removals() {}

    static void later(Runnable removal) {
        REMOVER.execute(removal);
    }

    /** Waits (at most {@code timeout}) for the removals asked so far: before the engine connection closes. */
    static void finish(Duration timeout) {
        try {
            REMOVER.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // What is left is found as a leftover on the next start.
        }
    }
}
