package dev.rgrid.worker.ray;

import dev.rgrid.core.model.Limits;
import io.ray.api.runtimecontext.NodeInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Ray's node table for {@link ClusterCapacity}, read from the GCS at most once per {@link #FRESH} while it says
 * some node fits: a burst of submissions asks once, not once a run. A refusal is never taken from a kept table:
 * it is read again first, so a node added a moment ago always counts.
 */
final class NodeTable {
    static final Duration FRESH = Duration.ofSeconds(2);

    private final Supplier<List<NodeInfo>> source;
    private final LongSupplier nanoTime;
    private List<NodeInfo> nodes;
    private long readAt;

    NodeTable(Supplier<List<NodeInfo>> source, LongSupplier nanoTime) {
        this.source = source;
        this.nanoTime = nanoTime;
    }

    synchronized Optional<String> whyNoNodeFits(Limits limits) {
        if (nodes != null && nanoTime.getAsLong() - readAt < FRESH.toNanos()) {
            Optional<String> kept = ClusterCapacity.whyNoNodeFits(limits, nodes);
            if (kept.isEmpty()) return kept;
        }
        nodes = source.get();
        readAt = nanoTime.getAsLong();
        return ClusterCapacity.whyNoNodeFits(limits, nodes);
    }

    /** Whether a live worker node could run {@code limits} (none can while the cluster has no worker node). */
    synchronized boolean someLiveNodeFits(Limits limits) {
        return whyNoNodeFits(limits).isEmpty() && nodes.stream().anyMatch(n -> n.isAlive
                && n.resources.getOrDefault(RayDispatcher.SLOT_RESOURCE, 0.0) >= 1.0);
    }
}
