package dev.rgrid.worker.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.core.runtime.RuntimeEntry;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which image runs a runtime, and what the user is told when there is none, or no engine at all. */
class DockerExecutorResolveTest extends DockerScenario {

    @Test
    void local_image_of_a_catalogue_runtime_is_used() {
        RuntimeEntry python = RuntimeCatalogue.standard().resolve("python3.11");

        assertEquals(IMAGE, executor.resolve(python));
        assertEquals("container", executor.isolation());
    }

    @Test
    void missing_runtime_image_is_refused_with_how_to_build_it() {
        RuntimeEntry missing = new RuntimeEntry("python9.9", "rgrid/python9.9:latest",
                "registry.invalid/python:9.9-slim", "python3", "not built here");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> executor.resolve(missing));

        assertEquals("runtime_image_missing", refused.code());
        assertEquals("The image for runtime python9.9 is not on this machine", refused.what());
        assertEquals("rgrid/python9.9:latest, registry.invalid/python:9.9-slim", refused.value());
        assertEquals("Build it with infra/images/build.sh python9.9, or pull registry.invalid/python:9.9-slim "
                + "where a registry is reachable", refused.hint());
    }

    @Test
    void missing_explicit_image_is_refused_with_a_pull_hint() {
        RuntimeEntry explicit = RuntimeCatalogue.standard().resolve("registry.invalid/team/tool:1.0");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> executor.resolve(explicit));

        assertEquals("runtime_image_missing", refused.code());
        assertTrue(refused.hint().contains("docker pull registry.invalid/team/tool:1.0"), refused.hint());
        assertTrue(refused.hint().contains("check the image name"), refused.hint());
    }

    @Test
    void image_that_vanished_before_the_run_is_an_engine_failure_not_a_script_failure() {
        RunRequest request = new RunRequest("test-vanished", workDir, "rgrid/vanished:never", List.of("python3", "main.py"),
                Map.of(), LIMITS, false);

        ContainerEngineException failed = assertThrows(ContainerEngineException.class,
                () -> executor.run(request, new CollectingSink(), new StopSignal()));

        assertEquals(ContainerEngineException.IMAGE_MISSING, failed.code());
        assertEquals("rgrid/vanished:never", failed.value());
    }

    @Test
    void unreachable_engine_is_reported_quickly() {
        String bogus = "unix:///nonexistent.sock";
        Instant start = Instant.now();

        assertTrue(DockerExecutor.connect(bogus, Clock.systemUTC()).isEmpty());
        ContainerEngineException failed = assertThrows(ContainerEngineException.class,
                () -> DockerExecutor.open(bogus, Clock.systemUTC()));

        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(3)) < 0);
        assertEquals(ContainerEngineException.UNREACHABLE, failed.code());
        assertEquals(bogus, failed.value());
        assertTrue(failed.hint().contains("Start the Docker engine"), failed.hint());
    }
}
