package dev.rgrid.worker.ray;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.ExecutionStore;
import dev.rgrid.core.store.Lease;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns claimed executions into Ray tasks named after their ids, and watches each task to its end.
 * When a task fails instead of returning (its worker died, or the runner broke), the store decides what
 * happened, not the exception's type: if the attempt still holds its lease, it ends as worker_lost.
 */
public final class RayDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RayDispatcher.class);

    /** The custom resource each cluster node advertises, one unit per container it may run at once. */
    public static final String SLOT_RESOURCE = "rgrid_slot";

    private final String runnerId;
    private final HashMap<String, String> clusterSettings;
    private final ExecutionStore store;
    /** Tasks submitted and not ended, by execution id: the dispatcher vouches for them while they wait. */
    private final Map<String, Lease> inFlight = new ConcurrentHashMap<>();
    private final Clock clock;
    private final NodeTable nodeTable = new NodeTable(() -> Ray.getRuntimeContext().getAllNodeInfo(), System::nanoTime);
    private final ExecutorService watchers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rgrid-task-watch");
        t.setDaemon(true);
        return t;
    });

    /** Why no node the autoscaler may start can run these limits; null when nodes are not provisioned. */
    private final Function<Limits, Optional<String>> noTypeFits;

    private RayDispatcher(String runnerId, Map<String, String> clusterSettings, ExecutionStore store, Clock clock,
                          Function<Limits, Optional<String>> noTypeFits) {
        this.runnerId = runnerId;
        this.noTypeFits = noTypeFits;
        this.clusterSettings = clusterSettings == null ? null : new HashMap<>(clusterSettings);
        this.store = store;
        this.clock = clock;
    }

    /** Ray in local mode: tasks run in this process, by the runner registered as {@code runnerId}. */
    public static RayDispatcher local(String runnerId, ExecutionStore store, Clock clock) {
        return new RayDispatcher(runnerId, null, store, clock, null);
    }

    /**
     * Ray in cluster mode: each task asks for the run's CPUs, memory and one container slot, so Ray places it
     * on a node with room, and carries {@code settings} for the node's worker ({@link dev.rgrid.worker.node.ClusterSettings}).
     */
    public static RayDispatcher cluster(Map<String, String> settings, ExecutionStore store, Clock clock) {
        return cluster(settings, store, clock, null);
    }

    /**
     * As {@link #cluster(Map, ExecutionStore, Clock)} on a cluster whose nodes an autoscaler provisions: a run waits while
     * a node it may start could take it ({@code noTypeFits} empty), and is refused with the numbers only when neither a
     * live node nor any allowed type could.
     */
    public static RayDispatcher cluster(Map<String, String> settings, ExecutionStore store, Clock clock,
                                        Function<Limits, Optional<String>> noTypeFits) {
        return new RayDispatcher(null, settings, store, clock, noTypeFits);
    }

    public void dispatch(Lease lease) {
        ObjectRef<String> ref;
        if (clusterSettings == null) {
            ref = Ray.task(RayTasks::runExecution, runnerId, lease.executionId(), lease.version(), lease.attempt())
                    .setName(lease.executionId())
                    .remote();
        } else {
            Limits limits = store.get(lease.executionId()).limits();
            Optional<String> refused = whyNothingFits(limits);
            if (refused.isPresent()) {
                store.finish(lease, new Outcome(ExecutionStatus.FAILED, refused.get(), null), clock.instant());
                return;
            }
            ref = Ray.task(RayTasks::runOnNode, clusterSettings, lease.executionId(), lease.version(), lease.attempt())
                    .setName(lease.executionId())
                    .setResource("CPU", limits.cpus())
                    .setResource("memory", (double) limits.memoryMb() * 1024 * 1024)
                    .setResource(SLOT_RESOURCE, 1.0)
                    .remote();
        }
        inFlight.put(lease.executionId(), lease);
        watchers.execute(() -> {
            try {
                watch(lease, ref);
            } finally {
                inFlight.remove(lease.executionId(), lease);
            }
        });
    }

    private Optional<String> whyNothingFits(Limits limits) {
        Optional<String> noNode = nodeTable.whyNoNodeFits(limits);
        if (noTypeFits == null) return noNode;
        Optional<String> noType = noTypeFits.apply(limits);
        if (noType.isEmpty()) return noType;
        return nodeTable.someLiveNodeFits(limits) ? Optional.empty() : noType;
    }

    /**
     * Waits for the task. A failure of {@code get()} (in cluster mode: the node died, about a second after)
     * is taken as a lost attempt whatever its type: the store decides from the lease whether it was still
     * running, then retries it while attempts remain ({@link ExecutionStore#loseAttempt}).
     */
    private void watch(Lease lease, ObjectRef<String> ref) {
        try {
            ref.get();
        } catch (RuntimeException e) {
            LOG.warn("{}: task of attempt {} failed: {}", lease.executionId(), lease.attempt(), e.toString());
            try {
                // A guarded update: nothing happens when the attempt already ended or a newer one owns the execution.
                ExecutionStatus next = store.loseAttempt(lease, taskFailure(e), clock.instant());
                if (next != null) LOG.info("{}: attempt {} lost; now {}", lease.executionId(), lease.attempt(), next.label());
            } catch (RuntimeException storeError) {
                LOG.warn("{}: could not record the lost attempt: {}", lease.executionId(), storeError.getMessage());
            }
        }
    }

    /**
     * Why a task failed, in words: Ray's Java driver reports a node that died as an error code it does not know
     * ("Unrecognized metadata"), or as the worker process ("actor") dying.
     */
    static String taskFailure(RuntimeException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        if (message.startsWith("Unrecognized metadata") || message.contains("died unexpectedly")) {
            return "its node or its worker process died";
        }
        return "its Ray task failed: " + message;
    }

    /** The leases of the tasks submitted and not ended (waiting for a node, or running). */
    public Collection<Lease> inFlight() {
        return List.copyOf(inFlight.values());
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
