package dev.rgrid.engine;

import dev.rgrid.sdk.RGrid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.config.ConfigSources;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.engine.LocalOptions.Dispatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detached runs: queued by one engine that does not run them, run by the background runner. The
 * queuer starts the embedded database and stops it when it closes, after the runner is done.
 */
class BackgroundRunnerTest {
    @TempDir
    Path home;

    @Test
    void a_queued_run_is_run_by_the_background_runner_which_then_exits() throws Exception {
        LocalOptions options = LocalOptions.builder(ConfigSources.of(Map.of("RGRID_HOME", home.toString()), Map.of()))
                .stopDatabaseOnClose(true).build();
        try (RGrid queuer = LocalRGrid.open(options.toBuilder().dispatch(Dispatch.NONE).build())) {
            Execution a = queuer.submit(ExecutionSpec.builder("a.py", "print('a')".getBytes(StandardCharsets.UTF_8)).build());
            Execution b = queuer.submit(ExecutionSpec.builder("b.py", "print('b')".getBytes(StandardCharsets.UTF_8)).build());
            assertEquals(ExecutionStatus.QUEUED, queuer.status(a.id()).status(), "the queuer does not run it");

            CompletableFuture<Void> runner = CompletableFuture.runAsync(
                    () -> BackgroundRunner.drain(options, Duration.ofSeconds(1)));
            assertEquals(ExecutionStatus.SUCCEEDED, queuer.await(a.id(), Duration.ofSeconds(60)).status());
            assertEquals(ExecutionStatus.SUCCEEDED, queuer.await(b.id(), Duration.ofSeconds(60)).status());
            runner.get(30, TimeUnit.SECONDS);
            assertTrue(runner.isDone(), "the runner exits once idle");
        }
    }
}
