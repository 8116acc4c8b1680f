package dev.rgrid.engine.floods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionQuery;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.engine.TestEngines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile scripts in real containers through the embedded engine: each ends with one true final status and a reason
 * that says what happened, nothing of it is left running, and the engine answers the next run as before.
 */
@Tag("docker")
@Tag("slow")
class BombsTest {
    @TempDir
    static Path home;
    private static RGrid rgrid;

    @BeforeAll
    static void open() {
        rgrid = TestEngines.open(home, Map.of("RGRID_MAX_WORKDIR_BYTES", "64m", "RGRID_MAX_OUTPUTS", "1000"));
    }

    @AfterAll
    static void close() {
        if (rgrid != null) rgrid.close();
    }

    /**
     * Runs the bomb, reading the engine's list of runs while it goes off: the figure printed is how the engine answered
     * meanwhile (the README's reliability section reports it), not a target asserted here.
     */
    private static Execution run(String code, Limits limits) {
        ExecutionSpec spec = ExecutionSpec.builder("bomb.py", code.getBytes(StandardCharsets.UTF_8)).limits(limits).build();
        String id = rgrid.submit(spec).id();
        long worst = 0;
        int reads = 0;
        while (!rgrid.status(id).isFinal()) {
            long start = System.nanoTime();
            rgrid.list(ExecutionQuery.recent());
            worst = Math.max(worst, System.nanoTime() - start);
            reads++;
            rgrid.await(id, Duration.ofMillis(200));
        }
        System.out.printf("bomb [%s]: %d list reads while it ran, slowest %.1f ms%n", code.lines().reduce((a, b) -> b).orElse(""), reads, worst / 1e6);
        Execution done = rgrid.await(id, Duration.ofMinutes(3));
        assertTrue(done.isFinal(), done.status().label());
        assertEquals(1, rgrid.attempts(done.id()).size(), "one attempt: " + rgrid.attempts(done.id()));
        return done;
    }

    private static List<String> lines(String id, LogStream stream) {
        return rgrid.logs(id, new LogQuery(0, EnumSet.of(stream), 10_000)).stream().map(LogLine::text).toList();
    }

    /** After each bomb no container of it is left running, and the engine still runs a plain script. */
    private static void engineStillAnswers(Execution bomb) throws IOException, InterruptedException {
        Process ps = new ProcessBuilder("docker", "ps", "-q", "--filter", "label=rgrid.execution=" + bomb.id()).start();
        String left = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        ps.waitFor();
        assertEquals("", left, "no container of the run is left running");
        Execution hello = run("print('still here')", Limits.DEFAULTS);
        assertEquals(ExecutionStatus.SUCCEEDED, hello.status(), hello.reason());
        assertEquals(List.of("still here"), lines(hello.id(), LogStream.STDOUT));
    }

    /** A script that writes to {@code path} a megabyte at a time until something stops it. */
    private static String fill(String path) {
        return "f = open('" + path + "', 'wb')\nwhile True:\n    f.write(b'x' * 1048576)\n    f.flush()\n";
    }

    @Test
    void a_fork_bomb_stops_at_the_process_limit_and_ends_when_its_timeout_comes() throws Exception {
        Execution done = run("import os, time\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        time.sleep(0.01)\n",
                Limits.DEFAULTS.withTimeout(Duration.ofSeconds(5)).withPidsLimit(32));
        assertEquals(ExecutionStatus.TIMED_OUT, done.status(), done.reason());
        assertEquals("Timeout after 5 s", done.reason());
        engineStillAnswers(done);
    }

    @Test
    void a_memory_bomb_is_killed_at_its_limit_with_the_reason_said() throws Exception {
        Execution done = run("chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))\n",
                Limits.DEFAULTS.withMemoryMb(128));
        assertEquals(ExecutionStatus.OOM_KILLED, done.status(), done.reason());
        List<String> system = lines(done.id(), LogStream.SYSTEM);
        assertTrue(system.get(system.size() - 1).contains("exceeded its memory limit of 128 MB"), system.toString());
        engineStillAnswers(done);
    }

    @Test
    void filling_the_working_directory_stops_the_run_at_its_disk_limit() throws Exception {
        Execution done = run(fill("fill.bin"),
                Limits.DEFAULTS.withTimeout(Duration.ofSeconds(120)));
        assertEquals(ExecutionStatus.FAILED, done.status(), done.reason());
        assertTrue(done.reason().startsWith("Disk limit exceeded"), done.reason());
        assertTrue(done.reason().contains("64.0 MB"), done.reason());
        assertTrue(lines(done.id(), LogStream.SYSTEM).stream().anyMatch(l -> l.startsWith("Failed: Disk limit exceeded")));
        engineStillAnswers(done);
    }

    @Test
    void filling_tmp_fails_the_script_on_its_own_full_disk_not_the_host() throws Exception {
        Execution done = run(fill("/tmp/fill.bin"),
                Limits.DEFAULTS.withTimeout(Duration.ofSeconds(60)));
        assertEquals(ExecutionStatus.FAILED, done.status(), done.reason());
        assertEquals(1, done.exitCode());
        assertTrue(String.join("\n", lines(done.id(), LogStream.STDERR)).contains("No space left on device"));
        engineStillAnswers(done);
    }

    @Test
    void children_that_outlive_the_script_end_with_it() throws Exception {
        Execution done = run("import subprocess\nsubprocess.Popen(['sleep', '600'])\nsubprocess.Popen(['sh', '-c', 'sleep 700 &'])\n"
                + "print('parent done')\n", Limits.DEFAULTS);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        Process pgrep = new ProcessBuilder("pgrep", "-f", "sleep (600|700)").start();
        String left = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pgrep.waitFor();
        assertEquals("", left, "no child of the script is left on the host");
        engineStillAnswers(done);
    }

    @Test
    void ten_thousand_tiny_outputs_keep_the_first_thousand_and_say_so() throws Exception {
        Execution done = run("import os\nos.makedirs('outputs', exist_ok=True)\nfor i in range(10_000):\n"
                + "    open(f'outputs/f{i:05d}.txt', 'w').write(str(i))\n", Limits.DEFAULTS);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        assertEquals(1000, rgrid.outputs(done.id()).size());
        assertTrue(lines(done.id(), LogStream.SYSTEM).stream().anyMatch(l -> l.contains("9000")), "the skipped ones are counted: "
                + lines(done.id(), LogStream.SYSTEM));
        engineStillAnswers(done);
    }

    @Test
    void a_flood_on_stderr_too_keeps_the_streams_apart_and_the_status_true() throws Exception {
        Execution done = run("import sys\nfor i in range(200_000):\n    sys.stderr.write('e' * 200 + '\\n')\n"
                + "    if i % 1000 == 0: print(i)\nsys.exit(3)\n", Limits.DEFAULTS);
        assertEquals(ExecutionStatus.FAILED, done.status(), done.reason());
        assertEquals(3, done.exitCode(), "the script's own exit code, whatever its output");
        assertTrue(lines(done.id(), LogStream.STDOUT).stream().allMatch(l -> l.matches("\\d+")));
        engineStillAnswers(done);
    }
}
