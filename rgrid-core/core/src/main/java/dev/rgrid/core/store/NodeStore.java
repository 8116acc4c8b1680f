package dev.rgrid.core.store;

import dev.rgrid.core.model.WorkerNode;
import java.time.Instant;
import java.util.List;

/** The worker nodes of a cluster: each registers itself and heartbeats; the control plane marks silent ones dead. */
public interface NodeStore {

    /** Records the node as alive, heard from {@code now}; a node seen before is updated (and revived when dead). */
    void register(WorkerNode node, Instant now);

    /** The node's worker is alive with {@code running} executions; false when the node is not registered. */
    boolean heartbeat(String id, int running, Instant now);

    /** Ray's health check saw the node alive: counts as a heartbeat, without touching what its worker reported. */
    void seen(String id, Instant now);

    /** Marks the node dead with the reason, if it is alive; false when it was not. */
    boolean markDead(String id, String reason);

    /** Alive nodes not heard from since {@code cutoff}. */
    List<WorkerNode> silentSince(Instant cutoff);

    /** Every node, alive ones first, then by name. */
    List<WorkerNode> list();
}
