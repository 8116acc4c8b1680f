package dev.rgrid.server.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.store.Database;
import dev.rgrid.core.store.DatabaseUrl;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteOptions;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.ServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The server is killed with -9 while one run is running and others wait in the queue, and stays down longer than the
 * stale limit; a new server on the same port and database takes over. A client waiting on the running one rides the
 * crash out with retries; every run ends once, succeeded, and nothing of the dead attempt is left running.
 */
@Tag("faults")
@Tag("docker")
class ServerCrashTest {
    private static final Map<String, String> QUICK_HEARTBEAT = Map.of("RGRID_HEARTBEAT_INTERVAL", "1s"); // stale after 3 s

    private static ExecutionSpec python(String code) {
        return ExecutionSpec.builder("job.py", code.getBytes(StandardCharsets.UTF_8)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> env(int port, boolean dispatch) {
        Map<String, String> env = new java.util.HashMap<>(QUICK_HEARTBEAT);
        env.put("RGRID_SERVER_PORT", String.valueOf(port));
        env.put("RGRID_DISPATCH", dispatch ? "on" : "off");
        return env;
    }

    @Test
    void runs_queued_and_running_when_the_server_dies_all_end_once_after_it_restarts() throws Exception {
        DatabaseUrl db = TestPostgres.freshEmbeddedUrl();
        int port = freePort();
        // A server that only records: its runs stay queued, as a backlog does when the server dies.
        ServerProcess recorder = ServerProcess.start(db, env(port, false));
        String key = recorder.createKey("crash", "dora");
        List<String> queued = new ArrayList<>();
        try (RemoteRGrid client = RGrid.connect(recorder.url(), key)) {
            for (int i = 0; i < 4; i++) queued.add(client.submit(python("print('queued one ran')")).id());
        }
        recorder.kill();
        try (Database records = Database.external(db)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> records.executions()
                    .findStale(Instant.now().minusSeconds(3)).size() == queued.size());
        }

        ServerProcess first = ServerProcess.start(db, env(port, true));
        String running;
        CompletableFuture<Execution> waiting;
        RemoteRGrid client = RGrid.connect(RemoteOptions.builder(first.url(), key).build());
        try {
            running = client.submit(python("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], flush=True)\n"
                    + "if os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)")).id();
            await().atMost(Duration.ofMinutes(2)).until(() -> client.logs(running, LogQuery.all()).stream()
                    .anyMatch(l -> l.text().equals("attempt 1")));
            waiting = CompletableFuture.supplyAsync(() -> client.await(running, Duration.ofMinutes(4)));
            first.kill();
            try (Database records = Database.external(db)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> records.executions()
                        .findStale(Instant.now().minusSeconds(3)).stream().anyMatch(e -> e.id().equals(running)));
            }

            try (ServerProcess second = ServerProcess.start(db, env(port, true))) {
                Execution done = waiting.get(4, TimeUnit.MINUTES);
                assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + second.output());
                assertEquals(2, done.attempt());
                assertEquals(List.of("worker_lost", "succeeded"), client.attempts(running).stream().map(Attempt::status).toList());
                assertEquals(List.of("attempt 1", "attempt 2"), client.logs(running, LogQuery.all()).stream()
                        .filter(l -> l.stream() == LogStream.STDOUT).map(LogLine::text).toList());
                for (String id : queued) {
                    Execution q = client.await(id, Duration.ofMinutes(2));
                    assertEquals(ExecutionStatus.SUCCEEDED, q.status(), () -> "queued while no server ran: " + q);
                    System.out.println("queued " + id + ": " + client.attempts(id));
                }
                assertTrue(client.list(ExecutionQuery.recent()).stream().allMatch(Execution::isFinal), "no run is left unfinished");
                await().atMost(Duration.ofSeconds(30)).until(() -> containersOf(running).isEmpty());
                System.out.println("faults: server killed -9 twice (a backlog, then a run mid-way); runs checked " + (queued.size() + 1)
                        + ", each ended once, succeeded; lost 0, left unfinished 0");
            }
        } finally {
            client.close();
        }
    }

    /** The running containers of an execution, by the label RGrid puts on them. */
    static List<String> containersOf(String id) throws IOException, InterruptedException {
        Process docker = new ProcessBuilder("docker", "ps", "-q", "--filter", "label=rgrid.execution=" + id)
                .redirectErrorStream(true).start();
        String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, docker.waitFor(), out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
