package dev.rgrid.engine;

import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.exec.Executor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers for a short while that a runtime's image is present, so a burst of submissions costs one
 * question to the Docker engine, not one each. A failed resolution is never remembered: the user who
 * builds the missing image can submit again at once. The runner resolves again before it runs.
 */
final class ResolvedRuntimes {
    static final Duration TTL = Duration.ofSeconds(10);

    private final Executor executor;
    private final Clock clock;
    private final Map<String, Instant> resolvedAt = new ConcurrentHashMap<>();

    ResolvedRuntimes(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    /** Throws like {@link Executor#resolve} when the runtime cannot run here. */
    void check(RuntimeEntry runtime) {
        Instant now = clock.instant();
        Instant at = resolvedAt.get(runtime.name());
        if (at != null && now.isBefore(at.plus(TTL))) return;
        executor.resolve(runtime);
        resolvedAt.put(runtime.name(), now);
    }
}
