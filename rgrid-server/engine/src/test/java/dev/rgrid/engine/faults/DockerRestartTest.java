package dev.rgrid.engine.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.engine.TestEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine is restarted while a run's container runs (it stops every container, as a real restart does): the
 * run is not blamed for the kill, its attempt is taken as lost, and it runs again once the engine is back, ending
 * succeeded with its story in its attempts.
 */
@Tag("faults")
@Tag("docker")
class DockerRestartTest {
    @TempDir
    Path home;

    @Test
    void a_run_whose_engine_restarts_under_it_runs_again_and_succeeds() throws Exception {
        try (RGrid rgrid = TestEngines.open(home, Map.of("RGRID_HEARTBEAT_INTERVAL", "2s"))) {
            ExecutionSpec spec = ExecutionSpec.builder("job.py", ("import os, time\nprint('attempt', os.environ['RGRID_ATTEMPT'], "
                    + "flush=True)\nif os.environ['RGRID_ATTEMPT'] == '1':\n    time.sleep(600)\n").getBytes(StandardCharsets.UTF_8))
                    .maxAttempts(5).build();
            String id = rgrid.submit(spec).id();
            await().atMost(Duration.ofMinutes(2)).until(() -> rgrid.logs(id, LogQuery.all()).stream()
                    .anyMatch(l -> l.text().equals("attempt 1")));

            DockerEngine.restart();

            Execution done = rgrid.await(id, Duration.ofMinutes(3));
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done::toString);
            List<Attempt> attempts = rgrid.attempts(id);
            assertEquals("worker_lost", attempts.get(0).status(), attempts.toString());
            assertTrue(attempts.get(0).reason().contains("killed from outside"), attempts.get(0).reason());
            assertEquals("succeeded", attempts.get(attempts.size() - 1).status(), attempts.toString());
            List<String> out = rgrid.logs(id, LogQuery.all()).stream().filter(l -> l.stream() == LogStream.STDOUT)
                    .map(LogLine::text).toList();
            assertEquals("attempt 1", out.get(0));
            assertEquals("attempt " + done.attempt(), out.get(out.size() - 1));
            System.out.println("faults: Docker engine restarted mid-run; attempts " + attempts.size() + ", final "
                    + done.status().label() + " once");
        }
    }

    /** The machine's Docker engine, stopped and started again the way infra/setup.sh starts it (no systemd here). */
    static final class DockerEngine {
        private DockerEngine() {}

        static void restart() throws IOException, InterruptedException {
            String pid = run("pgrep", "-x", "dockerd").trim();
            if (pid.isEmpty()) throw new IllegalStateException("no dockerd to restart");
            run("kill", "-TERM", pid);
            await().atMost(Duration.ofMinutes(1)).until(() -> run("pgrep", "-x", "dockerd").isBlank());
            String log = System.getenv().getOrDefault("RGRID_CACHE_DIR", System.getProperty("user.home") + "/.cache/rgrid")
                    + "/dockerd.log";
            // setsid: the engine must outlive this test JVM, as the one setup.sh started does.
            new ProcessBuilder("setsid", "sh", "-c", "nohup dockerd >>'" + log + "' 2>&1 &").start().waitFor();
            await().atMost(Duration.ofMinutes(1)).until(() -> new ProcessBuilder("docker", "info").start().waitFor() == 0);
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }
    }
}
