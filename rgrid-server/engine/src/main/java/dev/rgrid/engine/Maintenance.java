package dev.rgrid.engine;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the engine's periodic chores; each round catches, logs and carries on. */
final class Maintenance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rgrid-maintenance");
        t.setDaemon(true);
        return t;
    });

    void every(Duration interval, String name, Runnable chore) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed, will retry: {}", name, e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
