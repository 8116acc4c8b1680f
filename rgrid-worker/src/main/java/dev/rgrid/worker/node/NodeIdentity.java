package dev.rgrid.worker.node;

import dev.rgrid.core.model.WorkerNode;

/**
 * Who a cluster node is and what it offers, as Ray reports it.
 *
 * @param rayNodeId its Ray node id (hex)
 * @param slots     the containers it may run at once (its {@code rgrid_slot} resource)
 */
public record NodeIdentity(String rayNodeId, String host, double cpus, long memoryMb, int slots) {

    /** How executions name the node: {@code host/8f3a2c1d}. */
    public String name() {
        return WorkerNode.nameOf(host, rayNodeId);
    }
}
