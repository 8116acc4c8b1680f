package dev.rgrid.server.metrics;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.ServerStore;
import dev.rgrid.engine.scale.ScaleMetrics;
import dev.rgrid.server.service.RunObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/**
 * The server's Prometheus metrics: executions by status and the queue depth (from the store), dispatch
 * latency (created → dispatched) of the executions this server dispatches, run time of those that end,
 * and the time each HTTP request took.
 */
public final class ServerMetrics implements RunObserver, AutoCloseable {
    public static final Duration DEFAULT_COUNT_MAX_AGE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_TRACK_INTERVAL = Duration.ofSeconds(1);

    private volatile long lastRequestNanos = System.nanoTime();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final ExecutionCounts counts;
    private final Timer dispatchLatency;
    private final RunTracker tracker;

    public ServerMetrics(ExecutionStore store, Clock clock) {
        this.clock = clock;
        this.counts = new ExecutionCounts(store, DEFAULT_COUNT_MAX_AGE);
        for (ExecutionStatus status : ExecutionStatus.values()) {
            Gauge.builder("rgrid.executions", counts, c -> c.count(status)).strongReference(true)
                    .tag("status", status.label())
                    .description("Executions in each status").register(registry);
        }
        Gauge.builder("rgrid.queue.depth", counts, c -> c.count(ExecutionStatus.QUEUED)).strongReference(true)
                .description("Executions waiting to be dispatched").register(registry);
        this.dispatchLatency = Timer.builder("rgrid.dispatch.latency")
                .description("From an execution's creation to its dispatch").publishPercentileHistogram().register(registry);
        this.tracker = new RunTracker(store, DEFAULT_TRACK_INTERVAL, this::ended);
    }

    @Override
    public void submitted(Execution execution) {
        if (execution.status() == ExecutionStatus.QUEUED) return; // not dispatched (dispatch is off)
        dispatchLatency.record(Duration.between(execution.createdAt(), clock.instant()));
        tracker.track(execution.id());
    }

    private void ended(Execution execution) {
        if (execution.startedAt() == null || execution.finishedAt() == null) return;
        Timer.builder("rgrid.run.time").description("Run time of ended executions, by final status")
                .tag("status", execution.status().label()).publishPercentileHistogram().register(registry)
                .record(Duration.between(execution.startedAt(), execution.finishedAt()));
    }

    /**
     * A request has arrived (its {@link #httpRequest} follows when it is answered). Not counted in and out: a request
     * whose answer is never logged (the client gone mid-write) must not keep a resident engine up for ever.
     */
    public void requestStarted() {
        lastRequestNanos = System.nanoTime();
    }

    /** Records one HTTP request; {@code route} is the matched route pattern, never the raw path. */
    public void httpRequest(String method, String route, int status, Duration took) {
        lastRequestNanos = System.nanoTime();
        Timer.builder("http.server.requests").tag("method", method).tag("route", route)
                .tag("status", Integer.toString(status)).register(registry).record(took);
    }

    /**
     * How long since a request last came or was answered (or since this server started): a resident engine's idle
     * time, together with its runs (a followed log is of a run still going).
     */
    public Duration sinceLastRequest() {
        return Duration.ofNanos(System.nanoTime() - lastRequestNanos);
    }

    /** Adds the autoscaler's metrics (nodes by state, launches, ends, orphans, time to join). */
    public void scale(ServerStore servers, ScaleMetrics done) {
        ScaleGauges.register(registry, servers, done);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        tracker.close();
        registry.close();
    }
}
