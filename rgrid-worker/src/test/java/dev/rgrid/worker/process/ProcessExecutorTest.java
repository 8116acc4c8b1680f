package dev.rgrid.worker.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.Outcome;
import dev.rgrid.core.runtime.RuntimeCatalogue;
import dev.rgrid.worker.docker.CollectingSink;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fallback without Docker: a local process, with output apart, exit codes, timeout and cancel that hold. */
class ProcessExecutorTest {
    static final Limits LIMITS = Limits.DEFAULTS.withTimeout(Duration.ofSeconds(60));
    static final String ENDLESS = """
            import subprocess, sys, time
            child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])
            print(f'child={child.pid}', flush=True)
            while True:
                time.sleep(1)
            """;

    final ProcessExecutor executor = new ProcessExecutor(Clock.systemUTC());
    final String python = executor.resolve(RuntimeCatalogue.standard().resolve("python3.11"));

    @TempDir
    Path workDir;

    @Test
    void hello_prints_to_stdout_without_isolation() {
        CollectingSink sink = new CollectingSink();

        Outcome outcome = executor.run(request("print('hello from rgrid')\n", LIMITS), sink, new StopSignal());

        assertEquals(Outcome.exited(0), outcome);
        assertEquals(List.of("hello from rgrid"), sink.stdout());
        assertEquals("none", executor.isolation());
        assertTrue(Path.of(python).isAbsolute(), python);
    }

    @Test
    void stderr_arrives_apart_and_exit_code_is_recorded() {
        CollectingSink sink = new CollectingSink();

        Outcome outcome = executor.run(request("""
                import os, sys
                print('out 1')
                print('err 1', file=sys.stderr)
                print(f"home={os.environ['HOME']}")
                sys.stderr.write('err 2 without newline')
                sys.exit(3)
                """, LIMITS), sink, new StopSignal());

        assertEquals(new Outcome(ExecutionStatus.FAILED, "Exited with code 3", 3), outcome);
        assertEquals(List.of("out 1", "home=" + workDir.toAbsolutePath()), sink.stdout());
        assertEquals(List.of("err 1", "err 2 without newline"), sink.stderr());
    }

    @Test
    void timeout_kills_the_whole_process_tree() {
        CollectingSink sink = new CollectingSink();

        Outcome outcome = executor.run(request(ENDLESS, LIMITS.withTimeout(Duration.ofSeconds(2))), sink, new StopSignal());

        assertEquals(ExecutionStatus.TIMED_OUT, outcome.status());
        assertEquals("Timeout after 2 s", outcome.reason());
        assertEquals(137, outcome.exitCode());
        long child = Long.parseLong(sink.value("child"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ended(child));
    }

    @Test
    void stop_signal_cancels_the_script_and_its_children() throws Exception {
        CollectingSink sink = new CollectingSink();
        StopSignal stop = new StopSignal();
        RunRequest request = request(ENDLESS, LIMITS);
        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> executor.run(request, sink, stop));

        await().atMost(Duration.ofSeconds(30)).until(() -> sink.value("child") != null);
        stop.trigger();
        Outcome outcome = running.get(30, TimeUnit.SECONDS);

        assertEquals(new Outcome(ExecutionStatus.CANCELLED, "Cancelled by user", 137), outcome);
        long child = Long.parseLong(sink.value("child"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ended(child));
    }

    @Test
    void python_memory_is_capped_where_the_os_allows() {
        CollectingSink sink = new CollectingSink();

        Outcome outcome = executor.run(request("""
                try:
                    hog = b'x' * (512 * 1024 * 1024)
                    print('allocated')
                except MemoryError:
                    print('refused')
                """, LIMITS.withMemoryMb(128)), sink, new StopSignal());

        assertEquals(Outcome.exited(0), outcome, sink.all().toString());
        assertEquals(List.of("refused"), sink.stdout());
    }

    @Test
    void node_script_runs_without_the_address_space_cap_v8_cannot_start_under() throws IOException {
        String node = executor.resolve(RuntimeCatalogue.standard().resolve("node20"));
        Files.writeString(workDir.resolve("main.js"), "console.log('hello from node'); console.error('oops');\n");
        RunRequest request = new RunRequest("test-" + UUID.randomUUID(), workDir, node, List.of("node", "main.js"),
                Map.of(), LIMITS.withMemoryMb(128), false);
        CollectingSink sink = new CollectingSink();

        Outcome outcome = executor.run(request, sink, new StopSignal());

        assertEquals(Outcome.exited(0), outcome, sink.all().toString());
        assertEquals(List.of("hello from node"), sink.stdout());
        assertEquals(List.of("oops"), sink.stderr());
    }

    private RunRequest request(String script, Limits limits) {
        try {
            Files.writeString(workDir.resolve("main.py"), script);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new RunRequest("test-" + UUID.randomUUID(), workDir, python, List.of("python3", "main.py"),
                Map.of(), limits, false);
    }

    /** Gone, or a zombie waiting for a parent that is not ours to reap it. */
    private static boolean ended(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) return true;
        String text = Files.readString(stat);
        return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
    }
}
