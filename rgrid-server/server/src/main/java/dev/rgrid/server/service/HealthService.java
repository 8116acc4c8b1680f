package dev.rgrid.server.service;

import dev.rgrid.core.artifact.ArtifactStore;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Checks the database, the executor, Ray and the artifact store at once, each within the timeout: a part that does not answer
 * in time counts as down, so health answers quickly even when the database hangs.
 */
public final class HealthService implements AutoCloseable {
    private final Probe database;
    private final Probe executor;
    private final Probe ray;
    private final Probe artifacts;
    private final String artifactStore;
    private final boolean containers;
    private final Duration timeout;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rgrid-health");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param containers whether runs go to a container engine (else local processes, which are always there)
     */
    public HealthService(BooleanSupplier database, BooleanSupplier executor, boolean containers, BooleanSupplier ray,
                         ArtifactStore artifacts, Duration timeout) {
        this.database = new Probe(database);
        this.executor = new Probe(executor);
        this.ray = new Probe(ray);
        this.artifacts = new Probe(artifacts::isReachable);
        this.artifactStore = artifacts.description();
        this.containers = containers;
        this.timeout = timeout;
    }

    public HealthReport check() {
        long deadline = System.nanoTime() + timeout.toNanos();
        Future<Boolean> db = database.start(pool);
        Future<Boolean> exec = executor.start(pool);
        Future<Boolean> r = ray.start(pool);
        Future<Boolean> store = artifacts.start(pool);
        boolean dbUp = Probe.answer(db, deadline);
        boolean execUp = Probe.answer(exec, deadline);
        boolean rayUp = Probe.answer(r, deadline);
        boolean storeUp = Probe.answer(store, deadline);
        String executorText = !containers ? "local-process" : execUp ? "docker: connected" : "docker: unreachable";
        return new HealthReport(dbUp && execUp && rayUp && storeUp ? "ok" : "degraded", dbUp ? "connected" : "unreachable",
                executorText, upOrDown(rayUp), upOrDown(storeUp), artifactStore);
    }

    private static String upOrDown(boolean up) {
        return up ? HealthReport.UP : HealthReport.DOWN;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
