package dev.rgrid.server.metrics;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.store.ExecutionStore;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Follows dispatched executions until they end and hands each ended one over once (for the run-time metric). */
final class RunTracker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunTracker.class);

    private final ExecutionStore store;
    private final Consumer<Execution> onEnd;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rgrid-run-tracker");
        t.setDaemon(true);
        return t;
    });

    RunTracker(ExecutionStore store, Duration interval, Consumer<Execution> onEnd) {
        this.store = store;
        this.onEnd = onEnd;
        scheduler.scheduleWithFixedDelay(this::checkOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void track(String id) {
        running.add(id);
    }

    /** One query says which tracked executions ended; only those are read in full. */
    void checkOnce() {
        if (running.isEmpty()) return;
        try {
            Set<String> tracked = Set.copyOf(running);
            Set<String> unfinished = store.unfinished(tracked);
            for (String id : tracked) {
                if (unfinished.contains(id)) continue;
                Optional<Execution> execution = store.find(id);
                if (running.remove(id) && execution.isPresent() && execution.get().isFinal()) onEnd.accept(execution.get());
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot check executions for metrics, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
