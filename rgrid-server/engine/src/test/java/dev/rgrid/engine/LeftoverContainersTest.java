package dev.rgrid.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.sdk.RGrid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container left by a crashed engine of this home is removed while the engine runs, not only when one starts: the
 * embedded engine sweeps every heartbeat, as node workers do.
 */
@Tag("docker")
class LeftoverContainersTest {
    @TempDir
    Path home;

    @Test
    void a_container_of_an_ended_run_left_behind_is_removed_while_the_engine_runs() throws Exception {
        try (RGrid rgrid = TestEngines.open(home, Map.of("RGRID_HEARTBEAT_INTERVAL", "1s"))) {
            Execution submitted = rgrid.submit(ExecutionSpec.builder("hi.py", "print('hi')".getBytes(StandardCharsets.UTF_8)).build());
            Execution done = rgrid.await(submitted.id(), Duration.ofMinutes(2));
            assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
            // As a crash mid-run leaves it: labelled with the run's execution and lease, still running.
            String leftover = docker("run", "-d", "--label", "rgrid.managed=true", "--label", "rgrid.execution=" + done.id(),
                    "--label", "rgrid.lease=1", "--network", "none", "rgrid/python3.11:latest", "sleep", "300");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> docker("ps", "-aq", "--filter", "id=" + leftover).isEmpty());
            } finally {
                docker("rm", "-f", leftover);
            }
        }
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    private static List<String> concat(String... args) {
        return Stream.concat(Stream.of("docker"), Arrays.stream(args)).toList();
    }
}
