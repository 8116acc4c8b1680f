package dev.rgrid.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server as the driver of a real Ray cluster (a head and two worker nodes from pip's ray on this machine). */
class ClusterDispatchTest {
    private static RayTestCluster cluster;
    private static ServerProcess server;
    private static RemoteRGrid rgrid;

    @BeforeAll
    static void start() {
        cluster = RayTestCluster.start(2, "2g");
        server = ServerProcess.startDriver(TestPostgres.freshEmbeddedUrl(), Map.of(), cluster);
        rgrid = RGrid.connect(server.url(), server.createKey("cluster", "alice"));
    }

    @AfterAll
    static void stop() {
        if (rgrid != null) rgrid.close();
        if (server != null) server.close();
        if (cluster != null) cluster.close();
    }

    private static ExecutionSpec python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void jobs_run_on_the_worker_nodes_and_spread_over_them() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(rgrid.submit(python("import time\nprint('job " + i + "', flush=True)\ntime.sleep(3)")).id());
        }
        List<Execution> done = ids.stream().map(id -> rgrid.await(id, Duration.ofMinutes(3))).toList();

        for (Execution e : done) {
            assertEquals(ExecutionStatus.SUCCEEDED, e.status(), () -> e + "\n" + server.output());
            assertEquals(Execution.ISOLATION_CONTAINER, e.isolation());
        }
        Set<String> nodes = done.stream().map(Execution::node).collect(Collectors.toSet());
        assertEquals(2, nodes.size(), "one slot per node, so four overlapping jobs use both: " + nodes);
        assertTrue(nodes.stream().allMatch(n -> n.matches(".+/[0-9a-f]{8}")), "host/ray-node-id: " + nodes);
        assertEquals(List.of("job 2"), rgrid.logs(ids.get(2), LogQuery.all()).stream()
                .filter(l -> l.stream() == dev.rgrid.core.model.LogStream.STDOUT).map(l -> l.text()).toList());
    }
}
