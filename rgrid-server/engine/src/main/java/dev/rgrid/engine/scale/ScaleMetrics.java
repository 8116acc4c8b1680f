package dev.rgrid.engine.scale;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the autoscaler has done since this process started, counted for the server's Prometheus metrics (launches, ends
 * by state, orphans removed, time to join); the engine has no metrics library of its own, the server reads these.
 */
public final class ScaleMetrics {
    private final AtomicLong launches = new AtomicLong();
    private final AtomicLong orphans = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();
    private final AtomicLong joinMillis = new AtomicLong();
    private final Map<String, AtomicLong> ends = new ConcurrentHashMap<>();

    void launched() { launches.incrementAndGet(); }

    void ended(String state) { ends.computeIfAbsent(state, s -> new AtomicLong()).incrementAndGet(); }

    void orphanRemoved() { orphans.incrementAndGet(); }

    void joined(Duration took) {
        joins.incrementAndGet();
        joinMillis.addAndGet(took.toMillis());
    }

    public long launches() { return launches.get(); }

    /** Servers that ended in {@code state} (retired, failed, dead). */
    public long endedIn(String state) {
        AtomicLong n = ends.get(state);
        return n == null ? 0 : n.get();
    }

    public long orphansRemoved() { return orphans.get(); }

    public long joins() { return joins.get(); }

    /** The sum of the times from asking for a server to its node joining Ray, in milliseconds. */
    public long joinMillis() { return joinMillis.get(); }
}
