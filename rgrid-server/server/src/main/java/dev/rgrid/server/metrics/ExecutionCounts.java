package dev.rgrid.server.metrics;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.ExecutionStore;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executions per status, read from the store at most once per {@code maxAge}, so one scrape of several
 * gauges costs one query. A failed read keeps the last counts (and logs).
 */
final class ExecutionCounts {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutionCounts.class);

    private final ExecutionStore store;
    private final long maxAgeNanos;
    private Map<ExecutionStatus, Long> counts = new EnumMap<>(ExecutionStatus.class);
    private long readAt;

    ExecutionCounts(ExecutionStore store, Duration maxAge) {
        this.store = store;
        this.maxAgeNanos = maxAge.toNanos();
        this.readAt = System.nanoTime() - maxAgeNanos - 1;
    }

    synchronized double count(ExecutionStatus status) {
        if (System.nanoTime() - readAt > maxAgeNanos) {
            try {
                counts = store.countByStatus();
            } catch (RuntimeException e) {
                LOG.warn("Cannot count executions for metrics: {}", e.getMessage());
            }
            readAt = System.nanoTime();
        }
        return counts.getOrDefault(status, 0L);
    }
}
