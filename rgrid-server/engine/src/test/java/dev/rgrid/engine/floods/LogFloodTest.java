package dev.rgrid.engine.floods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rgrid.core.model.Attempt;
import dev.rgrid.core.model.Execution;
import dev.rgrid.core.model.ExecutionSpec;
import dev.rgrid.core.model.ExecutionStatus;
import dev.rgrid.core.model.Limits;
import dev.rgrid.core.model.LogLine;
import dev.rgrid.core.model.LogStream;
import dev.rgrid.core.testing.HeapWatch;
import dev.rgrid.sdk.LogQuery;
import dev.rgrid.sdk.RGrid;
import dev.rgrid.engine.TestEngines;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that floods its output, in a real container through the embedded engine. The heartbeat is 1 s (stale after
 * 3 s), so storing output at the end without renewing the lease — what a 1 GB run did before — would lose it.
 */
@Tag("docker")
@Tag("slow")
class LogFloodTest {
    private static final long CAP = 8L * 1024 * 1024;
    @TempDir
    static Path home;
    private static RGrid rgrid;

    @BeforeAll
    static void open() {
        rgrid = TestEngines.open(home, Map.of("RGRID_MAX_LOG_BYTES", "8m", "RGRID_HEARTBEAT_INTERVAL", "1s"));
    }

    @AfterAll
    static void close() {
        if (rgrid != null) rgrid.close();
    }

    private static Execution run(String code) {
        ExecutionSpec spec = ExecutionSpec.builder("flood.py", code.getBytes(StandardCharsets.UTF_8))
                .limits(Limits.DEFAULTS.withTimeout(Duration.ofSeconds(240))).build();
        return rgrid.await(rgrid.submit(spec).id(), Duration.ofMinutes(5));
    }

    private static List<LogLine> allLogs(String id) {
        List<LogLine> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<LogLine> page = rgrid.logs(id, new LogQuery(after, EnumSet.allOf(LogStream.class), 10_000));
            all.addAll(page);
            if (page.size() < 10_000) return all;
            after = page.get(page.size() - 1).seq();
        }
    }

    @Test
    void three_hundred_megabytes_of_output_end_succeeded_with_the_first_and_last_parts_kept_and_the_cut_said() {
        Execution done;
        long heapGrowth;
        try (HeapWatch heap = new HeapWatch(ManagementFactory.getMemoryMXBean()).sampleEvery(Duration.ofSeconds(2))) {
            done = run("import sys\nline = 'x' * 1023 + '\\n'\nfor i in range(300_000):\n"
                    + "    sys.stdout.write(str(i).rjust(8) + line[8:])\nsys.stderr.write('last words\\n')\nprint('END')\n");
            heap.sample();
            heapGrowth = heap.peakGrowthBytes();
        }

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        assertEquals(0, done.exitCode());
        List<Attempt> attempts = rgrid.attempts(done.id());
        assertEquals(1, attempts.size(), "one attempt, never taken for lost: " + attempts);

        List<LogLine> logs = allLogs(done.id());
        List<String> stdout = logs.stream().filter(l -> l.stream() == LogStream.STDOUT).map(LogLine::text).toList();
        assertTrue(stdout.get(0).startsWith("       0x"), "the first line is kept: " + stdout.get(0));
        assertEquals("END", stdout.get(stdout.size() - 1), "the last line is kept");
        // stderr's one line is kept or counted: the engine reads the two pipes apart, so while stdout is held back
        // the stderr line may arrive in the middle of the flood, which is what the cap drops.
        long stderr = logs.stream().filter(l -> l.stream() == LogStream.STDERR).count();
        long kept = logs.stream().filter(l -> l.stream() != LogStream.SYSTEM).mapToLong(l -> l.text().length() + 1L).sum();
        assertTrue(kept <= CAP, "kept " + kept + " bytes, over the cap of " + CAP);
        assertTrue(kept > CAP - 64 * 1024, "the cap is used, not wasted: kept " + kept);

        assertTrue(done.droppedLogs().any(), "the status says lines were dropped");
        assertEquals(300_002 - stdout.size() - stderr, done.droppedLogs().lines(), "every line is either kept or counted");
        assertTrue(logs.stream().anyMatch(l -> l.stream() == LogStream.SYSTEM && l.text().startsWith("Log limit reached")),
                "the logs say where the cut starts");
        assertTrue(logs.stream().anyMatch(l -> l.stream() == LogStream.SYSTEM
                && l.text().startsWith("Log limit: " + done.droppedLogs().lines() + " lines")), "and how much was cut");
        System.out.printf("flood: 300 MB of stdout through the embedded engine; its heap grew %.1f MB; %d lines kept, %d dropped%n",
                heapGrowth / 1e6, stdout.size(), done.droppedLogs().lines());
        assertTrue(heapGrowth < 64L * 1024 * 1024, "the engine's heap stayed flat: grew " + heapGrowth / 1024 / 1024 + " MB");
    }

    @Test
    void a_long_line_without_newline_and_nul_bytes_are_stored_in_pieces_not_lost() {
        Execution done = run("import sys\nsys.stdout.write('a\\0b\\n')\nsys.stdout.write('y' * 1_000_000)\n");

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.reason());
        List<String> stdout = allLogs(done.id()).stream().filter(l -> l.stream() == LogStream.STDOUT)
                .map(LogLine::text).toList();
        assertEquals("a\uFFFDb", stdout.get(0), "a NUL, which PostgreSQL's text cannot hold, is replaced, not the line lost");
        assertEquals(1_000_000, stdout.stream().skip(1).mapToLong(String::length).sum(), "the long line arrives whole, in pieces");
        assertTrue(stdout.size() > 2, "cut into lines of at most 64 KB");
    }
}
