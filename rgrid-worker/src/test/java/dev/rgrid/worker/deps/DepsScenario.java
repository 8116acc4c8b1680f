package dev.rgrid.worker.deps;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.docker.CollectingSink;
import dev.rgrid.worker.docker.DockerExecutor;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Runs scripts with dependencies the way a worker does, on the local Docker engine in the images
 * infra/images/build.sh builds, installing from a package index this test serves.
 */
@Tag("docker")
abstract class DepsScenario {
    static final Limits LIMITS = Limits.DEFAULTS.withTimeout(Duration.ofSeconds(120)).withMemoryMb(256);
    static final RuntimeCatalogue CATALOGUE = RuntimeCatalogue.standard();

    static DockerExecutor executor;
    static TestIndex index;

    @TempDir
    Path home;
    @TempDir
    Path runs;

    @BeforeAll
    static void start() {
        executor = DockerExecutor.connect(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC()).orElse(null);
        assertNotNull(executor, "these scenarios need a Docker engine (exclude them with -DexcludedGroups=docker)");
        index = new TestIndex();
    }

    @AfterAll
    static void stop() {
        if (index != null) index.close();
        if (executor != null) executor.close();
    }

    DependencySettings settings() {
        return DependencySettings.builder(home.resolve("deps"))
                .pipIndexUrl(index.simpleUrl()).pipTrustedHost(index.host()).build();
    }

    Dependencies dependencies() {
        return new Dependencies(settings(), Clock.systemUTC());
    }

    record Ran(Outcome outcome, CollectingSink sink) {
        List<String> system() { return sink.texts(dev.rgrid.core.model.LogStream.SYSTEM); }
    }

    /** One run of {@code script} in {@code runtime} with {@code files} beside it, as a worker makes it. */
    Ran run(Dependencies deps, String runtime, String script, String source, Map<String, String> files,
            String requirements, boolean network) {
        return run(deps, runtime, script, source, files, requirements, network, new StopSignal());
    }

    Ran run(Dependencies deps, String runtime, String script, String source, Map<String, String> files,
            String requirements, boolean network, StopSignal stop) {
        try {
            Path workDir = Files.createDirectory(runs.resolve(UUID.randomUUID().toString()));
            Files.writeString(workDir.resolve(script), source);
            for (var file : files.entrySet()) {
                Path path = workDir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            RuntimeEntry entry = CATALOGUE.resolve(runtime);
            String target = executor.resolve(entry);
            RunRequest request = new RunRequest("test-" + UUID.randomUUID(), workDir, target,
                    CATALOGUE.command(entry, script, List.of()), Map.of(), LIMITS, network);
            CollectingSink sink = new CollectingSink();
            Outcome outcome = new RunWithDependencies(executor, deps)
                    .run(request, entry, requirements, sink, stop, () -> false);
            return new Ran(outcome, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Ran runPython(Dependencies deps, String source, String requirementsText) {
        return run(deps, "python3.11", "main.py", source, Map.of("requirements.txt", requirementsText), "requirements.txt", false);
    }
}
