package dev.rgrid.worker.ray;

import io.ray.api.Ray;
import java.util.List;

/** The cluster's worker nodes as Ray's GCS lists them, for the autoscaler to see which new servers joined. */
public final class RayNodes {

    /** One node: its Ray id, the address it joined with, whether Ray holds it alive, and its container slots. */
    public record RayNode(String id, String address, boolean alive, double slots) {}

    private RayNodes() {}

    /** Every node that advertises container slots, and every dead one (a dead node's resources are no longer listed). */
    public static List<RayNode> all() {
        return ClusterNodes.workers(false).stream().map(n -> new RayNode(n.nodeId.toString(), n.nodeAddress, n.isAlive,
                n.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0))).toList();
    }

    /** Whether this process is a Ray driver of a cluster (the autoscaler needs one to see nodes join). */
    public static boolean available() {
        return Ray.isInitialized() && RayRuntime.clusterAddress() != null;
    }
}
