package dev.rgrid.bench;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.server.testing.RayTestCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How long a run waits when its node dies: a job that sleeps runs on a node of the cluster; once its first log
 * line is in, that node is killed with kill -9, and the time runs until its second attempt has started on the
 * other node (the attempt's own start, as the server records it). The target is absolute: no baseline.
 */
final class ClusterRecovery {
    private static final Duration TARGET = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String SCRIPT = "import time\nprint('started', flush=True)\ntime.sleep(60)\n";

    private final ServerUnderTest server;
    private final RayTestCluster cluster;

    ClusterRecovery(ServerUnderTest server, RayTestCluster cluster) {
        this.server = server;
        this.cluster = cluster;
    }

    Result measure() throws Exception {
        try (RGrid rgrid = RGrid.connect(server.url(), server.apiKey())) {
            byte[] code = SCRIPT.getBytes(StandardCharsets.UTF_8);
            String id = rgrid.submit(ExecutionSpec.builder("sleep.py", code).metadata("bench", "recovery").build()).id();
            waitFor("its first log line", () -> !rgrid.logs(id, LogQuery.all()).isEmpty());
            Execution running = rgrid.status(id);
            String node = running.node();
            String nodeId = node.substring(node.lastIndexOf('/') + 1);
            Instant killed = Instant.now();
            cluster.killNodeById(nodeId);
            System.out.printf("recovery: %s ran on %s; killed that node at %s%n", id, node, killed);
            waitFor("its second attempt to start", () -> second(rgrid.attempts(id)) != null);
            List<Attempt> attempts = rgrid.attempts(id);
            Attempt first = attempts.get(0);
            Attempt second = second(attempts);
            rgrid.cancel(id);
            rgrid.await(id, WAIT);
            removeContainers(id);
            Duration recovery = Duration.between(killed, second.startedAt());
            return new Result("a run's recovery when its Ray node is killed (kill -9) mid-run",
                    String.format("attempt 2 started on %s %.1f s after the kill", second.node(), recovery.toMillis() / 1000.0),
                    "none (an absolute target)",
                    String.format("attempt 1 on %s ended %s (%s)", first.node(), first.status(), first.reason()),
                    "second attempt started < " + TARGET.toSeconds() + " s after the kill", recovery.compareTo(TARGET) < 0);
        }
    }

    /**
     * Removes what is left of the run's containers: on this one machine the killed node's container outlives it
     * (Docker owns it), where a machine that dies takes it along.
     */
    private static void removeContainers(String id) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-aq", "--filter", "name=rgrid-" + id).start();
        List<String> ids = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        ps.waitFor();
        if (ids.isEmpty()) return;
        System.out.printf("recovery: removing %d container(s) left by the run%n", ids.size());
        List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
        rm.addAll(ids);
        new ProcessBuilder(rm).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static Attempt second(List<Attempt> attempts) {
        return attempts.size() >= 2 && attempts.get(1).startedAt() != null ? attempts.get(1) : null;
    }

    /** Polls every 100 ms until {@code done} holds; throws after {@link #WAIT}. */
    private static void waitFor(String what, Supplier<Boolean> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!done.get()) {
            if (Instant.now().isAfter(deadline)) throw new IllegalStateException("gave up waiting for " + what + " after " + WAIT);
            Thread.sleep(100);
        }
    }
}
