package dev.rgrid.worker.ray;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.Lease;
import dev.rgrid.worker.node.NodeWorker;
import java.util.Map;

/**
 * Ray's entry points: one static line each, handing off to plain classes that are tested without Ray.
 */
public final class RayTasks {
    /** What the task returns when this attempt lost its lease and recorded nothing. */
    public static final String LEASE_LOST = "lease_lost";

    private RayTasks() {}

    /** Local mode: runs one attempt with the runner registered in this process; returns the final status label. */
    public static String runExecution(String runnerId, String executionId, Long version, Integer attempt) {
        return label(Runners.get(runnerId).run(new Lease(executionId, version, attempt)));
    }

    /**
     * Cluster mode: runs one attempt on whichever node Ray placed it, with the settings the control plane sent
     * (a {@link java.util.HashMap}: Ray serializes concrete classes); returns the final status label.
     */
    public static String runOnNode(Map<String, String> settings, String executionId, Long version, Integer attempt) {
        return label(NodeWorker.runner(settings, ClusterNodes.current()).run(new Lease(executionId, version, attempt)));
    }

    private static String label(Outcome outcome) {
        return outcome == null ? LEASE_LOST : outcome.status().label();
    }
}
