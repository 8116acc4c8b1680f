package dev.rgrid.worker.ray;

import dev.rgrid.worker.node.NodeIdentity;
import io.ray.api.Ray;
import io.ray.api.runtimecontext.NodeInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The worker nodes of the cluster as Ray reports them: those advertising container slots. */
final class ClusterNodes {
    private static final double MB = 1024 * 1024;

    private ClusterNodes() {}

    private static NodeIdentity current;

    /** The node this Ray worker process runs on; asked of Ray once per process (a process never moves). */
    static synchronized NodeIdentity current() {
        if (current == null || current.slots() == 0) current = lookUp();
        return current;
    }

    private static NodeIdentity lookUp() {
        String id = Ray.getRuntimeContext().getCurrentNodeId().toString();
        NodeInfo info = workers(true).stream().filter(n -> n.nodeId.toString().equals(id)).findFirst().orElse(null);
        String host = localHost();
        if (info == null) return new NodeIdentity(id, host, 0, 0, 0);
        return identity(info, host);
    }

    /** Every node with container slots, alive or (when {@code aliveOnly} is false) dead. */
    static List<NodeInfo> workers(boolean aliveOnly) {
        return Ray.getRuntimeContext().getAllNodeInfo().stream()
                .filter(n -> n.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0) >= 1.0 || !n.isAlive)
                .filter(n -> n.isAlive || !aliveOnly).toList();
    }

    static NodeIdentity identity(NodeInfo info, String host) {
        return new NodeIdentity(info.nodeId.toString(), host, info.resources.getOrDefault("CPU", 0.0),
                (long) (info.resources.getOrDefault("memory", 0.0) / MB),
                (int) Math.floor(info.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0)));
    }

    /** This machine's name, as a node worker names itself. */
    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node";
        }
    }
}
