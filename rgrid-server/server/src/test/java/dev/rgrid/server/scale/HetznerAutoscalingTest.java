package dev.rgrid.server.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.ServerProcess;
import dev.rgrid.server.testing.hetzner.CloudInitMachine;
import dev.rgrid.server.testing.hetzner.HetznerEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server with a Hetzner token and an empty Ray cluster (a head alone): nodes are created at the emulated Hetzner
 * API, boot from the rendered cloud-init into real Ray worker nodes on this machine, run the queue and are deleted.
 */
class HetznerAutoscalingTest {
    private static final String TOKEN = "test-token-0123456789";
    private static RayTestCluster cluster;
    private static Path machines;

    @BeforeAll
    static void startHead() throws Exception {
        cluster = RayTestCluster.start(0, "2g");
        machines = Files.createTempDirectory("rgrid-hetzner-machines");
    }

    @AfterAll
    static void stopHead() {
        if (cluster != null) cluster.close();
    }

    private static HetznerEmulator emulator() {
        return HetznerEmulator.start(TOKEN, new CloudInitMachine(cluster.infra(), machines, cluster.rayBin()));
    }

    private static Map<String, String> settings(HetznerEmulator hetzner, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("RGRID_HETZNER_TOKEN", TOKEN, "RGRID_HETZNER_API_URL", hetzner.url(),
                "RGRID_HETZNER_SERVER_TYPES", "cx22,cx32", "RGRID_NODE_BUILD_URL", "http://127.0.0.1:1/rgrid.tar.gz",
                "RGRID_CLUSTER_ID", "test", "RGRID_HEARTBEAT_INTERVAL", "2s"));
        env.putAll(more);
        return env;
    }

    private static ExecutionSpec python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).build();
    }

    @Test
    void runs_on_an_empty_cluster_get_nodes_that_run_them_and_go_when_idle_before_their_billed_hour() {
        try (HetznerEmulator hetzner = emulator()) {
            // Servers say they were made 57 minutes ago: their billed hour ends within the retire margin (5 min).
            hetzner.backdateCreation(Duration.ofMinutes(57));
            try (ServerProcess server = ServerProcess.startDriver(TestPostgres.freshEmbeddedUrl(),
                    settings(hetzner, Map.of("RGRID_MAX_NODES", "2")), cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                Instant submitted = Instant.now();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 6; i++) ids.add(rgrid.submit(python("import time\nprint('job " + i + "')\ntime.sleep(2)")).id());

                await().atMost(Duration.ofSeconds(5)).until(() -> !hetzner.servers().isEmpty());
                Duration toFirstAsk = Duration.between(submitted, hetzner.servers().get(0).created().plus(Duration.ofMinutes(57)));
                assertTrue(toFirstAsk.compareTo(Duration.ofSeconds(5)) < 0, "first node asked for within 5 s: " + toFirstAsk);

                for (String id : ids) {
                    Execution done = rgrid.await(id, Duration.ofMinutes(4));
                    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + hetzner + "\n" + server.output());
                }
                assertTrue(hetzner.createsByName().values().stream().allMatch(n -> n == 1), hetzner.createsByName()::toString);
                int created = hetzner.createsByName().size();
                assertTrue(created >= 1 && created <= 2, "at most RGRID_MAX_NODES=2 servers: " + hetzner.createsByName());
                assertEquals("cx22", hetzner.deleted().isEmpty() ? hetzner.servers().get(0).typeName()
                        : hetzner.deleted().get(0).typeName(), "the cheapest type that fits");

                // Idle, and near the end of their billed hour: deleted, with nothing left behind.
                await().atMost(Duration.ofMinutes(1)).until(() -> hetzner.servers().isEmpty());
                assertEquals(created, hetzner.deleted().size(), hetzner::toString);
            }
        }
    }
}
