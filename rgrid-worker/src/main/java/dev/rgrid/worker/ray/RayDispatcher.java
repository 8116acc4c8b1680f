package dev.rgrid.worker.ray;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.HeartbeatResult;
import dev.rgrid.core.store.Lease;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns claimed executions into Ray tasks named after their ids, and watches each task to its end.
 * When a task fails instead of returning (its worker died, or the runner broke), the store decides what
 * happened, not the exception's type: if the attempt still holds its lease, it ends as worker_lost.
 */
public final class RayDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RayDispatcher.class);
    public static final String WORKER_DIED = "worker died unexpectedly";

    private final String runnerId;
    private final ExecutionStore store;
    private final Clock clock;
    private final ExecutorService watchers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rgrid-task-watch");
        t.setDaemon(true);
        return t;
    });

    public RayDispatcher(String runnerId, ExecutionStore store, Clock clock) {
        this.runnerId = runnerId;
        this.store = store;
        this.clock = clock;
    }

    public void dispatch(Lease lease) {
        ObjectRef<String> ref = Ray.task(RayTasks::runExecution, runnerId, lease.executionId(),
                        lease.version(), lease.attempt())
                .setName(lease.executionId())
                .remote();
        watchers.execute(() -> watch(lease, ref));
    }

    private void watch(Lease lease, ObjectRef<String> ref) {
        try {
            ref.get();
        } catch (RuntimeException e) {
            LOG.warn("{}: task failed: {}", lease.executionId(), e.toString());
            try {
                if (store.check(lease) != HeartbeatResult.LOST) {
                    String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    store.finish(lease, new Outcome(ExecutionStatus.WORKER_LOST, WORKER_DIED + " (" + detail + ")", null),
                            clock.instant());
                }
            } catch (RuntimeException storeError) {
                LOG.warn("{}: could not record the lost attempt: {}", lease.executionId(), storeError.getMessage());
            }
        }
    }

    @Override
    public void close() {
        watchers.shutdown();
        try {
            watchers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
