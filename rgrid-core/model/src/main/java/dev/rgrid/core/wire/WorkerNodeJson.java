package dev.rgrid.core.wire;

import dev.rgrid.core.model.WorkerNode;
import java.time.Instant;
import java.util.List;

/** A worker node as {@code GET /api/v1/workers} shows it. */
public record WorkerNodeJson(String id, String name, String host, double cpus, long memoryMb, int slots, String version,
                             String state, int running, Instant registeredAt, Instant heartbeatAt, String reason) {

    public static WorkerNodeJson of(WorkerNode n) {
        return new WorkerNodeJson(n.id(), n.name(), n.host(), n.cpus(), n.memoryMb(), n.slots(), n.version(), n.state(),
                n.running(), n.registeredAt(), n.heartbeatAt(), n.reason());
    }

    public WorkerNode toNode() {
        return new WorkerNode(id, name, host, cpus, memoryMb, slots, version, state, running, registeredAt, heartbeatAt, reason);
    }

    /** The answer: every node, alive first. */
    public record Listing(List<WorkerNodeJson> workers) {}
}
