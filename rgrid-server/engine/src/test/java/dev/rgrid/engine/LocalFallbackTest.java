package dev.rgrid.engine;

import dev.rgrid.sdk.EngineInfo;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.sdk.RGridContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where no Docker engine answers, the embedded engine still runs scripts — as local processes, with
 * the same timeout, cancel and logs — and says plainly that they are not isolated.
 */
class LocalFallbackTest extends RGridContract {
    @TempDir
    static Path home;
    private static RGrid rgrid;

    @BeforeAll
    static void open() {
        rgrid = TestEngines.open(home, Map.of("DOCKER_HOST", "unix://" + home.resolve("no-docker.sock")));
    }

    @AfterAll
    static void close() {
        if (rgrid != null) rgrid.close();
    }

    @Override
    protected RGrid rgrid() {
        return rgrid;
    }

    @Test
    void the_engine_says_runs_are_not_isolated_and_why() {
        EngineInfo info = rgrid.info();
        assertFalse(info.isolated());
        assertEquals("none", info.isolation());
        assertTrue(info.detail().contains("no-docker.sock") && info.detail().contains("NOT isolated"), info.detail());
    }

    @Test
    void each_run_records_no_isolation_and_says_so_once_in_its_logs() {
        Execution done = runToEnd(python("print('hi')").build());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status());
        assertEquals("none", done.isolation());
        List<LogLine> system = rgrid.logs(done.id(), LogQuery.all()).stream()
                .filter(l -> l.stream() == LogStream.SYSTEM).toList();
        assertEquals(1, system.size(), system.toString());
        assertTrue(system.get(0).text().startsWith("Not isolated"), system.get(0).text());
    }

    @Test
    void an_explicit_image_needs_docker_and_is_refused_with_why() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.rgrid.core.InvalidInputException.class,
                () -> rgrid.submit(python("print(1)").runtime("python:3.12-slim").build()));
        assertTrue(e.getMessage().toLowerCase().contains("docker"), e.getMessage());
    }
}
