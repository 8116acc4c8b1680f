package dev.rgrid.worker.docker;

import static org.awaitility.Awaitility.await;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.dockerjava.api.model.Container;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the scenarios that run real containers on the local Docker engine, in the image that
 * infra/images/build.sh builds. Without an engine they fail, saying so: exclude them with
 * {@code -DexcludedGroups=docker} on a machine that has none.
 */
@Tag("docker")
abstract class DockerScenario {
    static final String IMAGE = "rgrid/python3.11:latest";
    static final Limits LIMITS = Limits.DEFAULTS.withTimeout(Duration.ofSeconds(60)).withMemoryMb(256);

    static DockerExecutor executor;

    @TempDir
    Path workDir;

    @BeforeAll
    static void connect() {
        executor = DockerExecutor.connect(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC()).orElse(null);
        assertNotNull(executor, "these scenarios need a Docker engine at " + DockerExecutor.DEFAULT_DOCKER_HOST
                + " (exclude them with -DexcludedGroups=docker)");
    }

    @AfterAll
    static void close() {
        if (executor != null) executor.close();
    }

    record Ran(String executionId, Outcome outcome, CollectingSink sink) {}

    Ran runPython(String script) {
        return runPython(script, LIMITS);
    }

    Ran runPython(String script, Limits limits) {
        return runPython(script, limits, false, new StopSignal());
    }

    Ran runPython(String script, Limits limits, boolean network, StopSignal stop) {
        RunRequest request = request(script, limits, network);
        CollectingSink sink = new CollectingSink();
        Outcome outcome = executor.run(request, sink, stop);
        return new Ran(request.executionId(), outcome, sink);
    }

    RunRequest request(String script, Limits limits, boolean network) {
        try {
            Files.writeString(workDir.resolve("main.py"), script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String id = "test-" + UUID.randomUUID();
        return new RunRequest(id, workDir, IMAGE, List.of("python3", "main.py"), Map.of(), limits, network);
    }

    /** Waits until no container of the execution is left: removal happens just after the run returns. */
    static void awaitRemoved(String executionId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> containersOf(executionId).isEmpty());
    }

    static List<Container> containersOf(String executionId) {
        return executor.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(HardenedContainer.LABEL_EXECUTION, executionId)).exec();
    }
}
