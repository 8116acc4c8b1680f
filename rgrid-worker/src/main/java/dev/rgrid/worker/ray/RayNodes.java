package dev.rgrid.worker.ray;

import java.util.List;
import java.util.Set;

/** The cluster's worker nodes as Ray's GCS lists them, for the autoscaler to see which new servers joined. */
public final class RayNodes {

    /** The resource a provisioned node names its server with, one unit of {@code rgrid_node_<server name>}. */
    public static final String SERVER_RESOURCE_PREFIX = "rgrid_node_";

    /**
     * One node: its Ray id, the address it joined with, whether Ray holds it alive, its container slots, and the
     * provisioned server it says it is (null for a node started by hand).
     */
    public record RayNode(String id, String address, boolean alive, double slots, String server) {}

    private RayNodes() {}

    /** Every node that advertises container slots, and every dead one (a dead node's resources are no longer listed). */
    public static List<RayNode> all() {
        return ClusterNodes.workers(false).stream().map(n -> new RayNode(n.nodeId.toString(), n.nodeAddress, n.isAlive,
                n.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0), server(n.resources.keySet()))).toList();
    }

    private static String server(Set<String> resources) {
        for (String r : resources) {
            if (r.startsWith(SERVER_RESOURCE_PREFIX)) return r.substring(SERVER_RESOURCE_PREFIX.length());
        }
        return null;
    }
}
