package dev.rgrid.worker.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rgrid.core.artifact.FileLimits;
import dev.rgrid.core.model.ExecutionFile;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.docker.CollectingSink;
import dev.rgrid.worker.docker.DockerExecutor;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** End to end on the real engine: staged inputs readable, the output directory writable by uid 65534, collected. */
@Tag("docker")
class OutputsFromContainerTest extends CollectorScenario {
    private static final String SCRIPT = """
            import os
            print("uid", os.getuid())
            rows = open("data/in.csv").read()
            os.makedirs("outputs/sub", exist_ok=True)
            open("outputs/result.csv", "w").write(rows.upper())
            open("outputs/sub/nested.txt", "w").write("nested")
            os.symlink("/etc/passwd", "outputs/passwd")
            """;

    @Test
    void a_script_in_a_container_reads_its_input_and_writes_outputs_that_are_collected() throws IOException {
        new InputStager(store).stage(workDir, Fixtures.OWNER, List.of(Fixtures.storedInput(store, "data/in.csv", "a,b\n")));
        Files.writeString(workDir.resolve("main.py"), SCRIPT);
        CollectingSink run = new CollectingSink();
        Outcome outcome;
        try (DockerExecutor docker = DockerExecutor.connect(DockerExecutor.DEFAULT_DOCKER_HOST, Clock.systemUTC()).orElse(null)) {
            assertNotNull(docker, "this scenario needs a Docker engine (exclude it with -DexcludedGroups=docker)");
            RunRequest request = new RunRequest("test-" + executionId, workDir, "rgrid/python3.11:latest",
                    List.of("python3", "main.py"), Map.of(), Limits.DEFAULTS.withTimeout(Duration.ofSeconds(60)), false);
            outcome = docker.run(request, run, new StopSignal());
        }
        assertEquals(ExecutionStatus.SUCCEEDED, outcome.status(), run.all().toString());
        assertEquals(List.of("uid 65534"), run.stdout());

        List<ExecutionFile> collected = collect(FileLimits.DEFAULTS);

        assertEquals(List.of("outputs/result.csv", "outputs/sub/nested.txt"),
                collected.stream().map(ExecutionFile::path).toList());
        assertEquals("A,B\n", Fixtures.read(store, collected.get(0).objectKey()));
        assertEquals(List.of("Output skipped: outputs/passwd is a symbolic link; outputs are regular files only"),
                warnings());
    }
}
