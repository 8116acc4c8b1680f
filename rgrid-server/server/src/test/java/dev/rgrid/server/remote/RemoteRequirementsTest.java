package dev.rgrid.server.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.testing.TestPostgres;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.remote.RemoteRGrid;
import dev.rgrid.server.testing.ServerProcess;
import dev.rgrid.worker.deps.TestIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A requirements.txt sent with a run through {@code RGrid.connect}: the server's worker installs it from the package
 * index its own settings name (RGRID_PIP_INDEX_URL, served by this test on the Docker bridge) before the script runs,
 * and the next run with the same requirements finds it cached.
 */
@Tag("docker")
class RemoteRequirementsTest {
    private static TestIndex index;
    private static ServerProcess server;

    @TempDir Path dir;

    @BeforeAll
    static void start() {
        index = new TestIndex();
        index.wheel("greeter_remote", "1.0", "def greet():\n    return 'hello from greeter_remote'\n");
        server = ServerProcess.start(TestPostgres.freshEmbeddedUrl(),
                Map.of("RGRID_PIP_INDEX_URL", index.simpleUrl(), "RGRID_PIP_TRUSTED_HOST", index.host()));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
        if (index != null) index.close();
    }

    @Test
    void requirements_sent_with_the_run_are_installed_on_the_worker_then_cached() throws IOException {
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), "greeter_remote==1.0\n");
        ExecutionSpec spec = ExecutionSpec.builder("main.py",
                        "import greeter_remote\nprint(greeter_remote.greet())\n".getBytes(StandardCharsets.UTF_8))
                .input("requirements.txt", requirements).requirements("requirements.txt").build();

        try (RemoteRGrid rgrid = RGrid.connect(server.url(), server.createKey("deps", "deps"))) {
            Execution first = rgrid.await(rgrid.submit(spec).id(), Duration.ofMinutes(3));
            Execution second = rgrid.await(rgrid.submit(spec).id(), Duration.ofMinutes(3));

            assertEquals(ExecutionStatus.SUCCEEDED, first.status(), () -> first + "\n" + server.output());
            List<LogLine> firstLogs = rgrid.logs(first.id(), LogQuery.all());
            assertTrue(texts(firstLogs, LogStream.SYSTEM).contains("Installing dependencies..."), firstLogs::toString);
            assertEquals(List.of("hello from greeter_remote"), texts(firstLogs, LogStream.STDOUT));
            assertEquals(ExecutionStatus.SUCCEEDED, second.status(), () -> second + "\n" + server.output());
            List<LogLine> secondLogs = rgrid.logs(second.id(), LogQuery.all());
            assertTrue(texts(secondLogs, LogStream.SYSTEM).stream().anyMatch(l -> l.startsWith("Using cached dependencies")),
                    secondLogs::toString);
            assertEquals(List.of("hello from greeter_remote"), texts(secondLogs, LogStream.STDOUT));
            assertEquals(1, index.hits(TestIndex.page("greeter_remote")), "the second run did not ask the index");
        }
    }

    private static List<String> texts(List<LogLine> lines, LogStream stream) {
        return lines.stream().filter(l -> l.stream() == stream).map(LogLine::text).toList();
    }
}
