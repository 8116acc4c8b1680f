package dev.rgrid.worker.ray;

import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.store.Lease;

/**
 * Ray's entry points: one static line each, handing off to plain classes that are tested without Ray.
 */
public final class RayTasks {
    /** What the task returns when this attempt lost its lease and recorded nothing. */
    public static final String LEASE_LOST = "lease_lost";

    private RayTasks() {}

    /** Runs one attempt of an execution on whichever node Ray placed it; returns the final status label. */
    public static String runExecution(String runnerId, String executionId, Long version, Integer attempt) {
        Outcome outcome = Runners.get(runnerId).run(new Lease(executionId, version, attempt));
        return outcome == null ? LEASE_LOST : outcome.status().label();
    }
}
