package dev.rgrid.worker.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.InvalidInputException;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without Docker only the host's own interpreters can stand in for a runtime; anything else is refused clearly. */
class ProcessExecutorResolveTest {
    final ProcessExecutor executor = new ProcessExecutor(Clock.systemUTC());

    @TempDir
    Path emptyDir;

    @Test
    void python_runtime_resolves_to_the_hosts_python() {
        String python = executor.resolve(RuntimeCatalogue.standard().resolve("python3.11"));

        assertTrue(Path.of(python).isAbsolute() && Files.isExecutable(Path.of(python)), python);
        assertTrue(Path.of(python).getFileName().toString().startsWith("python3"), python);
    }

    @Test
    void explicit_image_is_refused_without_a_docker_engine() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> executor.resolve(RuntimeCatalogue.standard().resolve("python:3.12-slim")));

        assertEquals("container_engine_required", refused.code());
        assertEquals("python:3.12-slim", refused.value());
        assertTrue(refused.what().contains("needs a Docker engine"), refused.what());
    }

    @Test
    void runtime_whose_interpreter_is_not_installed_is_refused() {
        ProcessExecutor bare = new ProcessExecutor(Clock.systemUTC(), Map.of("PATH", emptyDir.toString()));

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> bare.resolve(RuntimeCatalogue.standard().resolve("python3.11")));

        assertEquals("interpreter_missing", refused.code());
        assertEquals("python3", refused.value());
        assertTrue(refused.hint().startsWith("Install python3"), refused.hint());
    }
}
