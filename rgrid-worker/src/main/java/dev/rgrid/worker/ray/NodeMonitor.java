package dev.rgrid.worker.ray;

import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.NodeStore;
import io.ray.api.runtimecontext.NodeInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's view of the cluster's nodes, kept in step with Ray's: a node Ray reports alive is
 * registered (before its first run, so `rgrid workers` lists it) and counts as heard from; one Ray reports
 * dead, or that nobody has heard from for {@code silentAfter}, is marked dead with the reason. Its runs are
 * retried by the dispatcher (its Ray tasks fail) and the reaper (their heartbeats stop). Safe with several
 * control planes: every change is a guarded update.
 */
public final class NodeMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMonitor.class);

    private final NodeStore nodes;
    private final Clock clock;
    private final Duration silentAfter;

    public NodeMonitor(NodeStore nodes, Clock clock, Duration silentAfter) {
        this.nodes = nodes;
        this.clock = clock;
        this.silentAfter = silentAfter;
    }

    public void checkOnce() {
        Instant now = clock.instant();
        Map<String, WorkerNode> known = nodes.list().stream().collect(Collectors.toMap(WorkerNode::id, Function.identity()));
        for (NodeInfo info : ClusterNodes.workers(false)) {
            String id = info.nodeId.toString();
            WorkerNode node = known.get(id);
            boolean registeredAlive = node != null && WorkerNode.ALIVE.equals(node.state());
            if (info.isAlive && registeredAlive) {
                nodes.seen(id, now);
            } else if (info.isAlive) {
                var identity = ClusterNodes.identity(info, info.nodeHostname);
                nodes.register(new WorkerNode(id, identity.name(), identity.host(), identity.cpus(), identity.memoryMb(),
                        identity.slots(), "-", WorkerNode.ALIVE, 0, now, now, null), now);
                LOG.info("node {} joined: {} CPU, {} MB, {} slot(s)", identity.name(), identity.cpus(), identity.memoryMb(),
                        identity.slots());
            } else if (registeredAlive && nodes.markDead(id, "Ray reports the node dead")) {
                LOG.warn("node {} is dead: Ray reports it dead", node.name());
            }
        }
        for (WorkerNode silent : nodes.silentSince(now.minus(silentAfter))) {
            if (nodes.markDead(silent.id(), "not heard from for " + silentAfter.toSeconds() + " s")) {
                LOG.warn("node {} is dead: not heard from for {} s", silent.name(), silentAfter.toSeconds());
            }
        }
    }
}
