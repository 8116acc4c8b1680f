package dev.rgrid.server.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.CommandResult;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.ServerProcess;
import dev.rgrid.worker.ray.RayNodeProcesses;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local node provider: with RGRID_NODE_PROVIDER=local the server starts real Ray worker nodes on this machine as the
 * queue needs them (by infra/deploy/worker-start.sh, as a provisioned machine does) and stops them when idle.
 */
class LocalAutoscalingTest {
    private RayTestCluster cluster;

    @BeforeEach
    void startHead() {
        cluster = RayTestCluster.start(0, "2g");
    }

    @AfterEach
    void stopHead() {
        if (cluster != null) cluster.close();
    }

    private static ExecutionSpec python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Map<String, String> settings(String more, String value) {
        return Map.of("RGRID_NODE_PROVIDER", "local", "RGRID_MAX_NODES", "2", "RGRID_HEARTBEAT_INTERVAL", "2s",
                // Nodes here are billed by no one: retired as soon as idle.
                "RGRID_RETIRE_MARGIN", "60m", more, value);
    }

    @Test
    void runs_on_an_empty_cluster_get_local_nodes_that_stop_when_idle() {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        try (ServerProcess server = ServerProcess.startDriver(db, settings("RGRID_CLUSTER_ID", "local1"), cluster);
             RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) ids.add(rgrid.submit(python("import time\nprint('job " + i + "')\ntime.sleep(1)")).id());

            for (String id : ids) {
                Execution done = rgrid.await(id, Duration.ofMinutes(3));
                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                assertEquals(1, done.attempt(), () -> rgrid.attempts(id).toString());
            }
            List<ProvisionedServer> used = rgrid.servers();
            assertEquals(2, used.size(), used::toString);
            assertTrue(used.stream().allMatch(s -> s.provider().equals("local") && s.serverType().equals("local")
                    && s.priceMicros() == 0), used::toString);

            await().atMost(Duration.ofMinutes(1)).until(() -> rgrid.servers().stream().allMatch(ProvisionedServer::ended));
            assertEquals(List.of(ProvisionedServer.RETIRED, ProvisionedServer.RETIRED),
                    rgrid.servers().stream().map(ProvisionedServer::state).toList());
            for (ProvisionedServer s : rgrid.servers()) {
                assertTrue(!RayNodeProcesses.alive(Integer.parseInt(s.serverId())), s + ": its raylet is gone");
            }
        }
    }

    @Test
    void a_local_node_that_dies_is_replaced_and_its_run_retried() {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        try (ServerProcess server = ServerProcess.startDriver(db, settings("RGRID_CLUSTER_ID", "local2"), cluster);
             RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
            String id = rgrid.submit(python("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], flush=True)\n"
                    + "if os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)")).id();
            await().atMost(Duration.ofMinutes(2)).until(() -> rgrid.logs(id, LogQuery.all()).stream()
                    .anyMatch(l -> l.text().equals("attempt 1")));
            ProvisionedServer first = rgrid.servers().get(0);

            RayNodeProcesses.kill(Integer.parseInt(first.serverId()));
            Execution done = rgrid.await(id, Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
            assertEquals(List.of("worker_lost", "succeeded"), rgrid.attempts(id).stream().map(Attempt::status).toList());
            ProvisionedServer dead = rgrid.servers().stream().filter(s -> s.name().equals(first.name())).findFirst().orElseThrow();
            assertTrue(dead.state().equals(ProvisionedServer.DEAD), dead::toString);
            assertTrue(rgrid.servers().size() >= 2, "replaced: " + rgrid.servers());
        }
    }

    @Test
    void nodes_can_work_with_a_database_role_that_holds_only_what_they_need() throws Exception {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        try (Database owner = Database.external(db)) {
            owner.migrate();
            owner.jdbi().useHandle(h -> h.execute("CREATE ROLE rgrid_node LOGIN PASSWORD 'node-secret'"));
        }
        CommandResult granted = ServerProcess.run(db, Map.of(), "db", "grant-node", "rgrid_node");
        assertEquals(0, granted.exitCode(), granted::toString);
        // The embedded server's URL names its user in the URL itself: the node's must name its own role there.
        DatabaseUrl node = new DatabaseUrl(db.jdbcUrl().replace("user=postgres", "user=rgrid_node"), null, "node-secret");
        assertTrue(node.jdbcUrl().contains("user=rgrid_node"), node::jdbcUrl);

        Map<String, String> env = new HashMap<>(settings("RGRID_CLUSTER_ID", "local4"));
        env.put("RGRID_NODE_DATABASE_URL", ServerProcess.databaseUrlSetting(node));
        try (ServerProcess server = ServerProcess.startDriver(db, env, cluster);
             RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
            Execution done = rgrid.await(rgrid.submit(python("import os\nos.makedirs('outputs', exist_ok=True)\n"
                    + "open('outputs/r.txt', 'w').write('x')\nprint('done')")).id(), Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
            assertEquals(List.of("outputs/r.txt"), rgrid.outputs(done.id()).stream().map(ExecutionFile::path).toList());
            assertTrue(rgrid.workers().stream().anyMatch(w -> w.version().equals("dev")), "the node's worker registered itself");
            try (Database owner = Database.external(db)) {
                long asNode = owner.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE usename = 'rgrid_node'").mapTo(Long.class).one());
                assertTrue(asNode > 0, "the node's worker is connected as rgrid_node");
            }
        }
        try (Database asNode = Database.external(node)) {
            assertEquals("rgrid_node", asNode.jdbi().withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one()));
            Exception refused = assertThrows(Exception.class, () -> asNode.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM api_keys").mapTo(Long.class).one()));
            assertTrue(String.valueOf(refused.getMessage()).contains("permission denied"), refused::toString);
        }
    }

    @Test
    void a_run_larger_than_a_local_node_is_refused_at_once() {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        try (ServerProcess server = ServerProcess.startDriver(db, settings("RGRID_LOCAL_NODE_MEMORY", "1g"), cluster);
             RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
            ExecutionSpec big = ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8))
                    .limits(Limits.DEFAULTS.withMemoryMb(2048)).build();
            Execution refused = rgrid.await(rgrid.submit(big).id(), Duration.ofSeconds(30));

            assertEquals(ExecutionStatus.FAILED, refused.status(), refused::toString);
            assertTrue(refused.reason().startsWith("No node the cluster may start can run it: it asks 2048 MB and 1 CPU; the "
                    + "largest allowed server type (local) offers 1024 MB and 1 CPU"), refused.reason());
            assertEquals(List.of(), rgrid.servers());
        }
    }
}
