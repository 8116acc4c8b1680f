package dev.rgrid.worker.docker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.worker.exec.RunRequest;
import dev.rgrid.worker.exec.StopSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A script that does not end by itself is ended: by the timeout or by a cancel, and leaves nothing behind. */
class DockerExecutorStopTest extends DockerScenario {
    static final String ENDLESS = """
            import time
            print('started')
            while True:
                print('tick')
                time.sleep(1)
            """;

    @Test
    void endless_loop_times_out_with_clear_reason() {
        Instant start = Instant.now();
        Ran ran = runPython(ENDLESS, LIMITS.withTimeout(Duration.ofSeconds(2)));
        Duration took = Duration.between(start, Instant.now());

        assertEquals(ExecutionStatus.TIMED_OUT, ran.outcome().status());
        assertEquals("Timeout after 2 s", ran.outcome().reason());
        assertEquals(137, ran.outcome().exitCode());
        assertEquals("started", ran.sink().stdout().get(0));
        assertTrue(ran.sink().stdout().contains("tick"));
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "ended soon after its timeout, took " + took);
        awaitRemoved(ran.executionId());
    }

    @Test
    void stop_signal_cancels_a_running_script() throws Exception {
        RunRequest request = request(ENDLESS, LIMITS, false);
        CollectingSink sink = new CollectingSink();
        StopSignal stop = new StopSignal();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> executor.run(request, sink, stop));

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.stdout().contains("started"));
        stop.trigger();
        Outcome outcome = running.get(30, TimeUnit.SECONDS);

        assertEquals(ExecutionStatus.CANCELLED, outcome.status());
        assertEquals("Cancelled by user", outcome.reason());
        assertEquals(137, outcome.exitCode());
        awaitRemoved(request.executionId());
    }

    @Test
    void stop_before_start_cancels_without_running_anything() {
        StopSignal stop = new StopSignal();
        stop.trigger();

        Ran ran = runPython("print('must not run')\n", LIMITS, false, stop);

        assertEquals(ExecutionStatus.CANCELLED, ran.outcome().status());
        assertNull(ran.outcome().exitCode());
        assertTrue(ran.sink().all().isEmpty());
        awaitRemoved(ran.executionId());
    }

    @Test
    void stop_after_the_run_ended_changes_nothing() {
        StopSignal stop = new StopSignal();
        Ran ran = runPython("print('done')\n", LIMITS, false, stop);
        stop.trigger();

        assertEquals(Outcome.exited(0), ran.outcome());
        awaitRemoved(ran.executionId());
    }

    @Test
    void container_removed_by_someone_else_is_an_engine_failure_not_the_scripts() {
        RunRequest request = request(ENDLESS, LIMITS, false);
        CollectingSink sink = new CollectingSink();
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> executor.run(request, sink, new StopSignal()));

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.stdout().contains("started"));
        containersOf(request.executionId()).forEach(c ->
                executor.client().removeContainerCmd(c.getId()).withForce(true).exec());

        ExecutionException failed = assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
        ContainerEngineException cause = assertInstanceOf(ContainerEngineException.class, failed.getCause());
        assertEquals(ContainerEngineException.FAILED, cause.code());
        assertTrue(cause.what().contains("removed by someone else"), cause.what());
    }
}
