package dev.rgrid.server.scale;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.ProvisionedServer;
import dev.rgrid.core.model.ScaleEvent;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.ServerProcess;
import dev.rgrid.server.testing.hetzner.CloudInitMachine;
import dev.rgrid.server.testing.hetzner.HetznerEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server with a Hetzner token and an empty Ray cluster (a head alone): nodes are created at the emulated Hetzner
 * API, boot from the rendered cloud-init into real Ray worker nodes on this machine, run the queue and are deleted.
 */
class HetznerAutoscalingTest {
    private static final String TOKEN = "test-token-0123456789";
    /** Each test's servers have names of their own (rgrid-t3-1): a name is what a Ray node is known by. */
    private static final AtomicInteger CLUSTERS = new AtomicInteger();
    private RayTestCluster cluster;
    private Path machines;

    /**
     * A head of its own for each test: a node killed in one test is held alive by Ray for some seconds more, and a run the
     * next test's server dispatched could be placed on it.
     */
    @BeforeEach
    void startHead() throws Exception {
        cluster = RayTestCluster.start(0, "2g");
        machines = Files.createTempDirectory("rgrid-hetzner-machines");
    }

    @AfterEach
    void stopHead() {
        if (cluster != null) cluster.close();
    }

    private HetznerEmulator emulator() {
        return HetznerEmulator.start(TOKEN, new CloudInitMachine(cluster.infra(), machines, cluster.rayBin()));
    }

    private static Map<String, String> settings(HetznerEmulator hetzner, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("RGRID_HETZNER_TOKEN", TOKEN, "RGRID_HETZNER_API_URL", hetzner.url(),
                "RGRID_HETZNER_SERVER_TYPES", "cx22,cx32", "RGRID_NODE_BUILD_URL", "http://127.0.0.1:1/rgrid.tar.gz",
                "RGRID_CLUSTER_ID", "t" + CLUSTERS.incrementAndGet(), "RGRID_HEARTBEAT_INTERVAL", "2s"));
        env.putAll(more);
        return env;
    }

    private static ExecutionSpec python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static String scrape(ServerProcess server, String key) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r::body);
        return r.body();
    }

    private static List<ProvisionedServer> recorded(DatabaseUrl db) {
        try (Database database = Database.external(db)) {
            return database.servers().list(100);
        }
    }

    private static List<ScaleEvent> events(DatabaseUrl db) {
        try (Database database = Database.external(db)) {
            return database.servers().events(100);
        }
    }

    @Test
    void twenty_runs_on_an_empty_cluster_get_nodes_up_to_the_cap_and_each_succeeds_once_then_the_nodes_go() throws Exception {
        try (HetznerEmulator hetzner = emulator()) {
            // Servers say they were made 57 minutes ago: their billed hour ends within the retire margin (5 min).
            hetzner.backdateCreation(Duration.ofMinutes(57));
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of("RGRID_MAX_NODES", "2")), cluster);
            String key = server.createKey("scale", "alice");
            try (server; RemoteRGrid rgrid = RGrid.connect(server.url(), key)) {
                Instant submitted = Instant.now();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) ids.add(rgrid.submit(python("print('job " + i + "')")).id());

                await().atMost(Duration.ofSeconds(5)).until(() -> !hetzner.servers().isEmpty());
                Instant asked = hetzner.servers().get(0).created().plus(Duration.ofMinutes(57));
                assertTrue(Duration.between(submitted, asked).compareTo(Duration.ofSeconds(5)) < 0,
                        "first node asked for within 5 s: " + Duration.between(submitted, asked));

                for (String id : ids) {
                    Execution done = rgrid.await(id, Duration.ofMinutes(4));
                    assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + hetzner + "\n" + server.output());
                    assertEquals(1, done.attempt(), () -> "ran once: " + rgrid.attempts(id) + "\n" + server.output());
                    assertEquals(1, rgrid.attempts(id).size());
                }
                assertTrue(hetzner.createsByName().values().stream().allMatch(n -> n == 1), hetzner.createsByName()::toString);
                assertEquals(2, hetzner.createsByName().size(), "20 runs of 1 CPU need more than two 2-CPU nodes; the cap "
                        + "is 2: " + hetzner.createsByName());
                assertTrue(events(db).stream().anyMatch(e -> e.kind().equals("hold")
                        && e.reason().contains("the cluster is at its most nodes (2, RGRID_MAX_NODES)")), () -> events(db).toString());
                assertEquals(List.of("cx22", "cx22"), recorded(db).stream().map(ProvisionedServer::serverType).toList(),
                        "the cheapest type that fits");

                // Idle, and near the end of their billed hour: deleted, with nothing left behind (recorded once the
                // provider answered the delete).
                await().atMost(Duration.ofMinutes(1)).until(() -> recorded(db).stream().allMatch(ProvisionedServer::ended));
                assertEquals(List.of(), hetzner.servers(), hetzner::toString);
                assertEquals(2, hetzner.deleted().size(), hetzner::toString);
                List<ProvisionedServer> rows = recorded(db);
                assertEquals(List.of("retired", "retired"), rows.stream().map(ProvisionedServer::state).toList());
                assertTrue(rows.get(0).reason().startsWith("idle, and its next billed hour starts in"), rows.get(0).reason());
                assertEquals(1, rows.get(0).billedHours(Instant.now()));
                assertEquals(8000, rows.get(0).priceMicros(), "cx22 at EUR 0.0080/h, read from the API");

                String metrics = scrape(server, key);
                for (String line : List.of("rgrid_node_launches_total 2.0", "rgrid_node_ends_total{state=\"retired\"} 2.0",
                        "rgrid_node_join_seconds_count 2", "rgrid_nodes{state=\"ready\"} 0.0")) {
                    assertTrue(metrics.contains(line), () -> line + " in\n" + metrics);
                }
            }
        }
    }

    @Test
    void a_node_far_from_its_billed_hour_stays_while_idle() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            try (ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of()), cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                Execution done = rgrid.await(rgrid.submit(python("print('hi')")).id(), Duration.ofMinutes(3));
                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());

                // Paid for the hour already: kept for runs to come (several autoscaler rounds pass meanwhile).
                String idle = rgrid.await(rgrid.submit(python("print('again')")).id(), Duration.ofMinutes(1)).node();
                assertEquals(done.node(), idle, "the second run found the node there");
                assertEquals(1, hetzner.servers().size(), hetzner::toString);
                assertEquals(List.of("ready"), recorded(db).stream().map(ProvisionedServer::state).toList());

                // What an operator sees through the API (rgrid workers shows the same).
                List<ProvisionedServer> servers = rgrid.servers();
                assertEquals(1, servers.size());
                ProvisionedServer s = servers.get(0);
                assertEquals(List.of("hetzner", "cx22", "ready", String.valueOf(hetzner.servers().get(0).id()), 8000L, "EUR", 1L),
                        List.of(s.provider(), s.serverType(), s.state(), s.serverId(), s.priceMicros(), s.currency(),
                                s.billedHours(Instant.now())));
                assertTrue(done.node().endsWith("/" + s.rayNodeId().substring(0, 8)), done.node() + " vs " + s);
                List<String> kinds = rgrid.scaleEvents(10).stream().map(ScaleEvent::kind).toList();
                assertEquals(List.of("ready", "launch"), kinds, "newest first");
                assertTrue(rgrid.scaleEvents(10).get(1).reason().startsWith("1 run waiting and no room on the nodes there are: "
                        + "cx22 is the cheapest allowed type that fits (2 CPU, 3072 MB, 2 slots, EUR 0.008/h)"),
                        rgrid.scaleEvents(10).toString());
            }
        }
    }

    @Test
    void a_node_that_dies_has_its_runs_retried_and_its_server_deleted_and_replaced() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            try (ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of()), cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                String id = rgrid.submit(python("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], flush=True)\n"
                        + "if os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)")).id();
                await().atMost(Duration.ofMinutes(3)).until(() -> rgrid.logs(id, LogQuery.all()).stream()
                        .anyMatch(l -> l.text().equals("attempt 1")));
                String first = hetzner.servers().get(0).name();

                hetzner.killMachine(first);
                Execution done = rgrid.await(id, Duration.ofMinutes(3));

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                assertEquals(List.of("worker_lost", "succeeded"), rgrid.attempts(id).stream().map(Attempt::status).toList());
                // Recorded once the provider answered its delete.
                await().atMost(Duration.ofSeconds(30)).until(() -> recorded(db).stream()
                        .anyMatch(s -> s.name().equals(first) && s.ended()));
                assertTrue(hetzner.deleted().stream().anyMatch(s -> s.name().equals(first)), hetzner::toString);
                ProvisionedServer dead = recorded(db).stream().filter(s -> s.name().equals(first)).findFirst().orElseThrow();
                assertEquals(ProvisionedServer.DEAD, dead.state());
                assertTrue(dead.reason().equals("Ray reports its node dead") || dead.reason().equals("its node's heartbeats stopped"),
                        dead.reason());
                assertEquals(2, hetzner.createsByName().size(), "a replacement for the retried run: " + hetzner.createsByName());
            }
        }
    }

    @Test
    void a_server_that_never_joins_is_deleted_at_the_deadline_and_replaced() {
        try (HetznerEmulator hetzner = emulator()) {
            hetzner.neverBoot(1);
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            try (ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of("RGRID_JOIN_DEADLINE", "15s",
                    "RGRID_LAUNCH_COOLDOWN", "1s")), cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                Execution done = rgrid.await(rgrid.submit(python("print('hi')")).id(), Duration.ofMinutes(3));

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                ProvisionedServer failed = recorded(db).stream().filter(s -> s.state().equals(ProvisionedServer.FAILED))
                        .findFirst().orElseThrow(() -> new AssertionError(recorded(db).toString()));
                assertTrue(failed.reason().startsWith("it did not join Ray within 15 s (RGRID_JOIN_DEADLINE)"), failed.reason());
                assertTrue(hetzner.deleted().stream().anyMatch(s -> s.name().equals(failed.name())), hetzner::toString);
                assertEquals(2, hetzner.createsByName().size(), hetzner.createsByName()::toString);
            }
        }
    }

    @Test
    void refused_creates_rate_limits_and_server_errors_are_waited_out() {
        try (HetznerEmulator hetzner = emulator()) {
            hetzner.failCreates(1, "resource_unavailable");
            hetzner.failCreateActions(1);
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            try (ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of("RGRID_LAUNCH_COOLDOWN", "1s")),
                    cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                hetzner.rateLimitStorm(2, Duration.ofSeconds(2));
                hetzner.serverErrors(1);
                Execution done = rgrid.await(rgrid.submit(python("print('hi')")).id(), Duration.ofMinutes(3));

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                // Which calls the 429s and the 500 fall on depends on timing; what is refused outright and what fails after
                // does not.
                List<String> failures = recorded(db).stream().filter(s -> s.state().equals(ProvisionedServer.FAILED))
                        .map(ProvisionedServer::reason).toList();
                assertTrue(failures.stream().anyMatch(r -> r.contains("(resource_unavailable)")), failures::toString);
                assertTrue(failures.stream().anyMatch(r -> r.startsWith("its creation failed at the provider: action failed")),
                        failures::toString);
                assertEquals(1, hetzner.servers().size(), hetzner::toString);
                assertTrue(server.output().contains("rate_limit_exceeded") && server.output().contains("trying again in"),
                        "the 429s were seen and waited out");
            }
        }
    }

    @Test
    void servers_changed_behind_rgrids_back_are_noticed_an_orphan_deleted_and_a_deleted_one_replaced() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            Map<String, String> env = settings(hetzner, Map.of());
            String clusterId = env.get("RGRID_CLUSTER_ID");
            HetznerEmulator.Server orphan = hetzner.createOutsideRGrid("rgrid-" + clusterId + "-999",
                    Map.of("rgrid-cluster", clusterId, "rgrid-role", "worker"));
            HetznerEmulator.Server someoneElses = hetzner.createOutsideRGrid("web-1", Map.of("app", "web"));
            try (ServerProcess server = ServerProcess.startDriver(db, env, cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                String id = rgrid.submit(python("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], flush=True)\n"
                        + "if os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)")).id();
                await().atMost(Duration.ofMinutes(2)).until(() -> rgrid.logs(id, LogQuery.all()).stream()
                        .anyMatch(l -> l.text().equals("attempt 1")));
                assertTrue(hetzner.deleted().stream().anyMatch(s -> s.id() == orphan.id()), "the orphan went at the first listing");
                String first = rgrid.status(id).node();
                String firstServer = recorded(db).stream().filter(s -> s.state().equals(ProvisionedServer.READY))
                        .findFirst().orElseThrow().name();

                hetzner.deleteBehindBack(firstServer);
                Execution done = rgrid.await(id, Duration.ofMinutes(3));

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
                assertTrue(!done.node().equals(first), "ran again on a new node");
                ProvisionedServer gone = recorded(db).stream().filter(s -> s.name().equals(firstServer)).findFirst().orElseThrow();
                assertEquals(ProvisionedServer.DEAD, gone.state(), gone::toString);
                assertTrue(hetzner.servers().stream().anyMatch(s -> s.id() == someoneElses.id()),
                        "a server without this cluster's label is not RGrid's to delete");
                assertTrue(events(db).stream().anyMatch(e -> e.kind().equals("orphan") && e.server().equals(orphan.name())
                        && e.reason().equals("deleted at the provider: no record of this cluster names it")),
                        () -> events(db).toString());
            }
        }
    }

    @Test
    void a_control_plane_killed_between_create_and_record_neither_duplicates_nor_leaks_the_server() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            Map<String, String> env = settings(hetzner, Map.of());
            ServerProcess first = ServerProcess.startDriver(db, env, cluster);
            String key = first.createKey("scale", "alice");
            AtomicReference<String> created = new AtomicReference<>();
            hetzner.beforeCreateAnswer(name -> {
                if (created.compareAndSet(null, name)) first.kill();
            });
            String id;
            try (RemoteRGrid before = RGrid.connect(first.url(), key)) {
                id = before.submit(python("print('hi')")).id();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> !first.isAlive());
            hetzner.beforeCreateAnswer(name -> { });
            assertEquals(List.of(ProvisionedServer.REQUESTED), recorded(db).stream().map(ProvisionedServer::state).toList(),
                    "the intent was recorded; the answer never was");

            try (ServerProcess second = ServerProcess.startDriver(db, env, cluster);
                 RemoteRGrid after = RGrid.connect(second.url(), key)) {
                Execution done = after.await(id, Duration.ofMinutes(3));

                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + second.output());
                assertEquals(Map.of(created.get(), 1), hetzner.createsByName(), "adopted, not created again");
                assertEquals(List.of(ProvisionedServer.READY), recorded(db).stream().map(ProvisionedServer::state).toList());
                assertTrue(events(db).stream().anyMatch(e -> e.kind().equals("adopt") && e.server().equals(created.get())),
                        () -> events(db).toString());
            }
        }
    }

    @Test
    void of_two_server_replicas_one_runs_the_autoscaler() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            Map<String, String> env = settings(hetzner, Map.of());
            try (ServerProcess one = ServerProcess.startDriver(db, env, cluster);
                 ServerProcess two = ServerProcess.startDriver(db, env, cluster);
                 RemoteRGrid rgrid = RGrid.connect(two.url(), two.createKey("scale", "alice"))) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 3; i++) ids.add(rgrid.submit(python("print('hi')")).id());
                for (String id : ids) assertEquals(ExecutionStatus.SUCCEEDED, rgrid.await(id, Duration.ofMinutes(3)).status());

                boolean oneLeads = one.output().contains("this control plane leads");
                boolean twoLeads = two.output().contains("this control plane leads");
                assertTrue(oneLeads ^ twoLeads, "exactly one leads: " + oneLeads + ", " + twoLeads);
                ServerProcess follower = oneLeads ? two : one;
                assertFalse(follower.output().contains("autoscaler: launching"), follower::output);
                assertEquals(2, hetzner.createsByName().size(), "3 runs of 1 CPU waiting at once take two 2-CPU nodes, "
                        + "not two each: " + hetzner.createsByName());
            }
        }
    }

    @Test
    void a_run_no_allowed_type_fits_is_refused_at_once_with_the_numbers() {
        try (HetznerEmulator hetzner = emulator()) {
            DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
            try (ServerProcess server = ServerProcess.startDriver(db, settings(hetzner, Map.of()), cluster);
                 RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("scale", "alice"))) {
                ExecutionSpec big = ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8))
                        .limits(Limits.DEFAULTS.withMemoryMb(16384)).build();
                Execution refused = rgrid.await(rgrid.submit(big).id(), Duration.ofSeconds(30));

                assertEquals(ExecutionStatus.FAILED, refused.status(), refused::toString);
                assertEquals("No node the cluster may start can run it: it asks 16384 MB and 1 CPU; the largest allowed server "
                        + "type (cx32) offers 7168 MB and 4 CPU. Ask for less (--memory, --cpus), or allow a larger type",
                        refused.reason());
                assertTrue(hetzner.createsByName().isEmpty(), "nothing launched for it: " + hetzner.createsByName());
            }
        }
    }
}
