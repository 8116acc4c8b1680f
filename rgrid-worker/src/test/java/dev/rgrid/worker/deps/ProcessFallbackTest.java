package dev.rgrid.worker.deps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.docker.CollectingSink;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import dev.rgrid.worker.process.ProcessExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Docker a run with dependencies fails, saying Docker is needed, and its script does not run. */
class ProcessFallbackTest {
    @TempDir
    Path work;
    @TempDir
    Path home;

    @Test
    void a_local_process_run_with_requirements_fails_saying_docker_is_needed() throws Exception {
        Files.writeString(work.resolve("main.py"), "print('script ran')\n");
        Files.writeString(work.resolve("requirements.txt"), "requests\n");
        RuntimeCatalogue catalogue = RuntimeCatalogue.standard();
        RuntimeEntry runtime = catalogue.resolve("python3.11");
        try (ProcessExecutor executor = new ProcessExecutor(Clock.systemUTC())) {
            RunRequest request = new RunRequest("test-process", work, executor.resolve(runtime),
                    catalogue.command(runtime, "main.py", List.of()), Map.of(), Limits.DEFAULTS, false);
            CollectingSink sink = new CollectingSink();

            Outcome outcome = new RunWithDependencies(executor,
                    new Dependencies(DependencySettings.builder(home).build(), Clock.systemUTC()))
                    .run(request, runtime, "requirements.txt", sink, new StopSignal(), () -> false);

            assertEquals(ExecutionStatus.FAILED, outcome.status());
            assertTrue(outcome.reason().startsWith("Installing dependencies needs a Docker engine on this node"
                    + " [value: requirements.txt]"), outcome.reason());
            assertTrue(sink.all().isEmpty(), sink.all().toString());
        }
    }
}
