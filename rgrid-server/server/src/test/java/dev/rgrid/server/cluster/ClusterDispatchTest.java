package dev.rgrid.server.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.model.WorkerNode;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.RayTestCluster;
import dev.rgrid.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
        List<WorkerNode> workers = rgrid.workers().stream().filter(w -> nodes.contains(w.name())).toList();
        assertEquals(2, workers.size(), () -> rgrid.workers().toString());
        for (WorkerNode w : workers) {
            assertEquals(List.of(WorkerNode.ALIVE, 1.0, 2048L, 1), List.of(w.state(), w.cpus(), w.memoryMb(), w.slots()));
            assertEquals("dev", w.version(), "its worker registered itself");
        }
        assertTrue(nodes.stream().allMatch(n -> n.matches(".+/[0-9a-f]{8}")), "host/ray-node-id: " + nodes);
        assertEquals(List.of("job 2"), lines(ids.get(2), LogStream.STDOUT));
    }

    private static List<String> lines(String id, LogStream stream) {
        return rgrid.logs(id, LogQuery.all()).stream().filter(l -> l.stream() == stream).map(LogLine::text).toList();
    }

    @Test
    void a_job_whose_node_is_killed_runs_again_on_another_node() {
        String id = rgrid.submit(python("import time\nprint('started', flush=True)\ntime.sleep(15)\nprint('done', flush=True)")).id();
        await().atMost(Duration.ofMinutes(2)).until(() -> lines(id, LogStream.STDOUT).contains("started"));
        String firstNode = rgrid.status(id).node();
        Instant killed = Instant.now();

        cluster.killNodeById(firstNode.substring(firstNode.indexOf('/') + 1));
        try {
            Execution done = rgrid.await(id, Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + server.output());
            assertEquals(2, done.attempt());
            assertNotEquals(firstNode, done.node());
            List<Attempt> attempts = rgrid.attempts(id);
            assertEquals(List.of("worker_lost", "succeeded"), attempts.stream().map(Attempt::status).toList());
            assertEquals(firstNode, attempts.get(0).node());
            assertTrue(attempts.get(0).reason().startsWith("worker died unexpectedly on " + firstNode), attempts.get(0).reason());
            Duration toRerun = Duration.between(killed, attempts.get(1).startedAt());
            assertTrue(toRerun.compareTo(Duration.ofSeconds(60)) < 0, "running again within 60 s of the kill: " + toRerun);
            assertTrue(lines(id, LogStream.SYSTEM).stream().anyMatch(l -> l.startsWith("Attempt 2 of 3 on " + done.node())),
                    () -> lines(id, LogStream.SYSTEM).toString());
            assertEquals(List.of("started", "started", "done"), lines(id, LogStream.STDOUT), "the first attempt's output stays");
            await().atMost(Duration.ofSeconds(60)).until(() -> rgrid.workers().stream()
                    .anyMatch(w -> w.name().equals(firstNode) && w.state().equals(WorkerNode.DEAD)));
            WorkerNode dead = rgrid.workers().stream().filter(w -> w.name().equals(firstNode)).findFirst().orElseThrow();
            assertEquals("Ray reports the node dead", dead.reason());
        } finally {
            cluster.addWorker();
        }
    }

    @Test
    void a_job_with_no_retries_left_ends_worker_lost_when_its_node_dies() {
        ExecutionSpec once = ExecutionSpec.builder("job.py", "import time\nprint('started', flush=True)\ntime.sleep(60)"
                .getBytes(StandardCharsets.UTF_8)).retries(0).build();
        String id = rgrid.submit(once).id();
        await().atMost(Duration.ofMinutes(2)).until(() -> lines(id, LogStream.STDOUT).contains("started"));
        String node = rgrid.status(id).node();

        cluster.killNodeById(node.substring(node.indexOf('/') + 1));
        try {
            Execution lost = rgrid.await(id, Duration.ofMinutes(2));

            assertEquals(ExecutionStatus.WORKER_LOST, lost.status(), () -> lost + "\n" + server.output());
            assertTrue(lost.reason().startsWith("worker died unexpectedly on " + node), lost.reason());
            assertTrue(lost.reason().endsWith("no attempts left (1 of 1)"), lost.reason());
        } finally {
            cluster.addWorker();
        }
    }

    @Test
    void a_job_asking_more_memory_than_any_node_offers_is_refused_with_the_numbers() {
        ExecutionSpec big = ExecutionSpec.builder("job.py", "print(1)".getBytes(StandardCharsets.UTF_8))
                .limits(Limits.DEFAULTS.withMemoryMb(4096)).build();

        Execution refused = rgrid.await(rgrid.submit(big).id(), Duration.ofMinutes(1));

        assertEquals(ExecutionStatus.FAILED, refused.status(), refused::toString);
        assertTrue(refused.reason().startsWith("No node of the cluster can run it: it asks 4096 MB and 1 CPU; the largest "
                + "node offers 2048 MB"), refused.reason());
        assertEquals(List.of(), rgrid.attempts(refused.id()).stream().filter(a -> a.node() != null).toList(), "it ran nowhere");
    }

    @Test
    void cancelling_stops_the_container_on_the_node_that_runs_it() {
        String id = rgrid.submit(python("import time\nprint('started', flush=True)\ntime.sleep(600)")).id();
        await().atMost(Duration.ofMinutes(2)).until(() -> lines(id, LogStream.STDOUT).contains("started"));

        rgrid.cancel(id);
        Execution cancelled = rgrid.await(id, Duration.ofMinutes(1));

        assertEquals(ExecutionStatus.CANCELLED, cancelled.status(), cancelled::toString);
        assertTrue(cancelled.node().matches(".+/[0-9a-f]{8}"), cancelled.node());
        assertEquals(1, cancelled.attempt());
    }

    /** The containers Docker has for this execution, running or not. */
    private static List<String> containersOf(String executionId) throws Exception {
        Process docker = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=rgrid.execution=" + executionId)
                .redirectErrorStream(true).start();
        String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, docker.waitFor(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void a_control_plane_killed_mid_run_and_restarted_loses_nothing() throws Exception {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        Map<String, String> env = Map.of("RGRID_HEARTBEAT_INTERVAL", "2s");
        ServerProcess first = ServerProcess.startDriver(db, env, cluster);
        String key = first.createKey("restart", "bob");
        String id;
        try (RemoteRGrid before = RGrid.connect(first.url(), key)) {
            // The first attempt would sleep for ten minutes; a later one ends at once.
            id = before.submit(python("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], flush=True)\n"
                    + "if os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)")).id();
            await().atMost(Duration.ofMinutes(2)).until(() -> before.logs(id, LogQuery.all()).stream()
                    .anyMatch(l -> l.text().equals("attempt 1")));
        }
        first.kill();

        try (ServerProcess second = ServerProcess.startDriver(db, env, cluster);
             RemoteRGrid after = RGrid.connect(second.url(), key)) {
            Execution done = after.await(id, Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + second.output());
            assertEquals(2, done.attempt());
            List<Attempt> attempts = after.attempts(id);
            assertEquals(List.of("worker_lost", "succeeded"), attempts.stream().map(Attempt::status).toList());
            assertTrue(attempts.get(0).reason().contains("no heartbeat for 6 s"), attempts.get(0).reason());
            assertEquals(List.of("attempt 1", "attempt 2"), after.logs(id, LogQuery.all()).stream()
                    .filter(l -> l.stream() == LogStream.STDOUT).map(LogLine::text).toList());
            await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(id).isEmpty());
        }
    }

    @Test
    void runs_waiting_in_a_backlog_longer_than_the_stale_limit_keep_their_first_attempt() {
        Map<String, String> env = Map.of("RGRID_HEARTBEAT_INTERVAL", "2s"); // stale after 6 s
        try (ServerProcess quick = ServerProcess.startDriver(TestPostgres.freshEmbeddedUrl(), env, cluster);
             RemoteRGrid client = RGrid.connect(quick.url(), quick.createKey("backlog", "carol"))) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 6; i++) ids.add(client.submit(python("import time\ntime.sleep(4)")).id());

            for (String id : ids) {
                Execution done = client.await(id, Duration.ofMinutes(3));
                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + quick.output());
                assertEquals(1, done.attempt(), "waiting for a slot (up to ~12 s) is not a lost attempt: " + done.reason());
            }
        }
    }
}
