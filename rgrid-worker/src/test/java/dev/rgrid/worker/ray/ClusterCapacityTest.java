package dev.rgrid.worker.ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Limits;
import io.ray.api.id.UniqueId;
import io.ray.api.runtimecontext.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which runs no node could ever take, from the node table Ray reports. */
class ClusterCapacityTest {
    private static final double GB = 1024.0 * 1024 * 1024;

    private static NodeInfo node(boolean alive, double cpus, double memoryGb, double slots) {
        return new NodeInfo(UniqueId.randomId(), "10.0.0.1", "host", 7000, "store", "raylet", alive,
                Map.of("CPU", cpus, "memory", memoryGb * GB, RayDispatcher.SLOT_RESOURCE, slots), Map.of());
    }

    @Test
    void a_run_larger_than_every_live_worker_node_is_refused_with_the_numbers() {
        List<NodeInfo> nodes = List.of(node(true, 1, 2, 1), node(true, 2, 1, 1), node(false, 8, 64, 4), node(true, 8, 64, 0));

        Optional<String> why = ClusterCapacity.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(4096), nodes);

        assertTrue(why.isPresent());
        assertEquals("No node of the cluster can run it: it asks 4096 MB and 1 CPU; the largest node offers 2048 MB "
                + "and 2 CPU (2 worker nodes). Ask for less (--memory, --cpus), or add a larger node", why.get(),
                "dead nodes and nodes without container slots (the head) do not count");
    }

    @Test
    void a_run_that_fits_some_node_waits_and_so_does_any_run_while_there_is_no_worker_node() {
        List<NodeInfo> nodes = List.of(node(true, 1, 2, 1), node(true, 4, 1, 1));
        assertEquals(Optional.empty(), ClusterCapacity.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(2048), nodes));
        assertTrue(ClusterCapacity.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(2048).withCpus(2), nodes).isPresent(),
                "CPU and memory must fit on the same node");
        assertEquals(Optional.empty(), ClusterCapacity.whyNoNodeFits(Limits.DEFAULTS.withMemoryMb(262144), List.of()));
    }
}
