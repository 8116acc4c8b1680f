package dev.rgrid.worker.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Limits;
import io.ray.api.id.UniqueId;
import io.ray.api.runtimecontext.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node table is read once per burst of runs that fit, and always again before a run is refused. */
class NodeTableTest {
    private static final double GB = 1024.0 * 1024 * 1024;

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile List<NodeInfo> cluster = List.of(node(2));
    private final NodeTable table = new NodeTable(() -> {
        reads.incrementAndGet();
        return cluster;
    }, now::get);

    private static NodeInfo node(double memoryGb) {
        return new NodeInfo(UniqueId.randomId(), "10.0.0.1", "host", 7000, "store", "raylet", true,
                Map.of("CPU", 4.0, "memory", memoryGb * GB, RayDispatcher.SLOT_RESOURCE, 1.0), Map.of());
    }

    @Test
    void runs_that_fit_within_the_freshness_window_read_the_table_once() {
        for (int i = 0; i < 50; i++) assertTrue(table.whyNoNodeFits(Limits.DEFAULTS).isEmpty());
        assertEquals(1, reads.get());

        now.addAndGet(NodeTable.FRESH.toNanos());
        assertTrue(table.whyNoNodeFits(Limits.DEFAULTS).isEmpty());
        assertEquals(2, reads.get(), "a table as old as FRESH is read again");
    }

    @Test
    void a_refusal_is_decided_on_a_fresh_read_so_a_node_added_a_moment_ago_counts() {
        assertTrue(table.whyNoNodeFits(Limits.DEFAULTS).isEmpty());
        cluster = List.of(node(2), node(16));

        assertTrue(table.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(8192)).isEmpty(), "the new 16 GB node takes it");
        assertEquals(2, reads.get());

        cluster = List.of(node(2));
        assertTrue(table.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(8192)).isEmpty(),
                "within FRESH, the kept table still has the large node");
        now.addAndGet(NodeTable.FRESH.toNanos());
        assertTrue(table.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(8192)).orElseThrow().contains("asks 8192 MB"),
                "once the kept table is old, the large node's absence is seen");
    }
}
